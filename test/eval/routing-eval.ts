/**
 * Routing accuracy: every gold question asked with no story named, of a library holding every
 * story we have gold for (the seeds, our stadium story, and squad-dev's 24 Wikipedia stories).
 * A question lands right when the routed reply's strongest answer comes from its own story.
 *
 * Out-of-corpus questions must still be refused: each squad-dev story is taken out of the library
 * in turn and its questions asked of the other stories (leave-one-out; an answer whose snippets
 * hold one of the question's gold answers is counted apart: another story did answer it); the
 * seeds' and stadium's questions marked `abstain` are asked of the whole library, and of a library
 * of those two stories alone (the stories the questions were written against).
 *
 * Beside leave-one-out, what one story alone would do with the same questions: the story most
 * like each question (routing's cheap first look, {@link quickEvidence}, over the stories left)
 * is asked it alone. A library cannot refuse a question its strongest story answers unless the
 * other stories make it doubt; this is the refusal a one-story bot of that story would give.
 *
 * The routing model (`config/routing-weights.json`) is fitted on a fit half of the stories (every
 * other squad-dev story, in name order, with the seeds and stadium; `npm run fit:routing`), and
 * every figure is shown for both halves, beside the previous rule (answer probability alone, 0.4
 * and a lead of 0.1 under 0.9) measured on the same rankings. The baseline beside the refusals is
 * the single story refusing the foreign questions squad-dev marks `abstain`, same run.
 *
 * Run: `npm run eval:routing` (squad-dev is read from `RIFT_SQUAD_DEV`, default
 * `../shared/eval/squad-dev` beside the checkout; it is skipped when absent).
 */
import {
  type Candidate,
  rankStories,
  routable,
  runLibrary,
  storyListing,
} from '../../src/commands/library.ts';
import { ROUTING_WEIGHTS, routedProbability } from '../../src/commands/routing-model.ts';
import { runCommand } from '../../src/commands/run.ts';
import { quickEvidence } from '../../src/core/answer/answer.ts';
import type { Story } from '../../src/core/story.ts';
import { foldForGold } from './questions-eval.ts';
import {
  collectRankings,
  halves,
  loadEntries,
  previousRule,
  type Rule,
  scoreRule,
} from './routing-data.ts';

const pct = (n: number, d: number) =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1)}%`.padStart(6);

type Signals = Pick<Candidate, 'coverage' | 'known' | 'topicCoverage' | 'probability' | 'strength'>;

function main(): void {
  const started = performance.now();
  const entries = loadEntries();
  const stories = new Map(entries.map((e) => [e.id, e.story]));
  const listings = entries.map((e) => storyListing(e.id, e.story, null));
  const listingsWithout = (id: string) => listings.filter((l) => l.id !== id);
  const order = new Map(entries.map((e, i) => [e.id, i]));
  const half = halves(entries);
  const previous = previousRule(order);
  process.stderr.write(
    `routing eval: ${entries.length} stories loaded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  // Every question is ranked once (`rankStories`, as routing does) and asked once; the reply
  // reuses the ranking's evidence.
  const zero = () => ({ asked: 0, own: 0, right: 0, compared: 0, wrong: 0, refused: 0 });
  const rows: string[][] = [];
  const totals = { all: zero(), fit: zero(), other: zero() };
  const misses = new Map<string, number>();
  const row = (name: string, r: ReturnType<typeof zero>) => [
    name.slice(0, 36).padEnd(36),
    String(r.asked).padStart(5),
    String(r.own).padStart(5),
    pct(r.right, r.own),
    pct(r.compared, r.own),
    pct(r.wrong, r.own),
    pct(r.refused, r.own),
  ];
  // Each answerable question, once ranked, is asked of the library: its own story's count.
  const counts = new Map(entries.map((e) => [e.id, zero()]));
  const rankings = collectRankings(entries, (entry, question, answeredAlone) => {
    const r = counts.get(entry.id) ?? zero();
    r.asked += 1;
    // Baseline: the story alone answers (does not refuse) its own question.
    if (!answeredAlone) return;
    r.own += 1;
    const reply = runLibrary(stories, listings, { name: 'ask', question, private: false });
    const landed =
      reply.kind === 'compared'
        ? reply.answers[0]?.story.id
        : reply.kind === 'answer'
          ? reply.story?.id
          : null;
    if (reply.kind === 'compared') r.compared += 1;
    if (landed === entry.id) r.right += 1;
    else if (landed) {
      r.wrong += 1;
      const key = `${entry.id} -> ${landed}`;
      misses.set(key, (misses.get(key) ?? 0) + 1);
    } else r.refused += 1;
  });
  const { inCorpus, foreign } = rankings;
  for (const entry of entries) {
    const r = counts.get(entry.id) ?? zero();
    for (const t of [totals.all, totals[half(entry.id)]])
      for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
    rows.push(row(entry.id, r));
  }
  const head = ['story'.padEnd(36), 'asked', 'alone', ' right', 'compar', ' wrong', 'refuse'];
  process.stdout.write(
    '\nRouting: questions asked with no story, of a library of every story (right = the strongest answer is from its own story; denominators: questions the story answers alone)\n\n',
  );
  process.stdout.write(`${head.join(' ')}\n`);
  for (const r of rows) process.stdout.write(`${r.join(' ')}\n`);
  process.stdout.write(`${row('ALL', totals.all).join(' ')}\n`);
  process.stdout.write(`${row('  fit half', totals.fit).join(' ')}\n`);
  process.stdout.write(`${row('  other half', totals.other).join(' ')}\n`);
  const worst = [...misses].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (worst.length > 0) {
    process.stdout.write('\nMost frequent wrong landings (own -> routed):\n');
    for (const [k, n] of worst) process.stdout.write(`  ${n.toString().padStart(4)}  ${k}\n`);
  }

  // Ablation: which evidence ranks the stories first, on the same rankings.
  const signals: Record<string, (e: Signals) => number> = {
    'coverage (best passages)': (e) => e.coverage,
    'known share (words the story uses)': (e) => e.known,
    'answer probability': (e) => e.probability,
    'coverage + known': (e) => e.coverage + e.known,
    'coverage + known + probability': (e) => e.coverage + e.known + e.probability,
    'known + probability': (e) => e.known + e.probability,
    'probability + distinctiveness (rift)': (e) => e.strength,
  };
  process.stdout.write(
    '\nAblation: the story ranked first by each signal, over the questions their own story answers (fit half | other half)\n\n',
  );
  for (const [name, f] of Object.entries(signals)) {
    const cells = (['fit', 'other'] as const).map((h) => {
      const ins = inCorpus.filter((x) => x.half === h);
      const hits = ins.filter(
        (x) =>
          [...x.ranked].sort(
            (a, b) =>
              f(b) - f(a) ||
              b.topicCoverage - a.topicCoverage ||
              (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
          )[0]?.id === x.own,
      ).length;
      return `${pct(hits, ins.length)} of ${ins.length}`;
    });
    process.stdout.write(`  ${name.padEnd(38)} ${cells.join(' | ')}\n`);
  }

  // Out of corpus, asked for real (the library rebuilt without the story), with rift's rule and
  // the previous one on the same rankings.
  let looAsked = 0;
  let looRefused = 0;
  let looPreviousRefused = 0;
  let looGold = 0;
  let baseAsked = 0;
  let nearestRefused = 0;
  let baseRefused = 0;
  const looByHalf = { fit: [0, 0], other: [0, 0] };
  for (const entry of entries) {
    if (!entry.squad) continue;
    const others = new Map([...stories].filter(([id]) => id !== entry.id));
    for (const q of entry.questions) {
      if (q.abstain) {
        baseAsked += 1;
        const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
        if (alone.kind === 'abstention') baseRefused += 1;
        continue;
      }
      looAsked += 1;
      let nearest: Story | null = null;
      let closest = Number.NEGATIVE_INFINITY;
      for (const story of others.values()) {
        const quick = quickEvidence(story.index, q.q);
        if (quick > closest) {
          closest = quick;
          nearest = story;
        }
      }
      if (
        nearest &&
        runCommand(nearest, { name: 'ask', question: q.q, private: false }).kind === 'abstention'
      )
        nearestRefused += 1;
      const counts = looByHalf[half(entry.id)];
      counts[1] = (counts[1] ?? 0) + 1;
      const ranked = rankStories(others, q.q);
      if (previous(ranked) === null) looPreviousRefused += 1;
      if (routable(ranked).length === 0) {
        looRefused += 1;
        counts[0] = (counts[0] ?? 0) + 1;
        continue;
      }
      // Another story may hold the answer (squad-dev's stories share some facts): not wrong.
      const reply = runLibrary(others, listingsWithout(entry.id), {
        name: 'ask',
        question: q.q,
        private: false,
      });
      const shown =
        reply.kind === 'compared' ? reply.answers : reply.kind === 'answer' ? [reply] : [];
      const snippets = shown.flatMap((a) => a.citations.map((c) => foldForGold(c.snippet)));
      if ((q.expect ?? []).some((x) => snippets.some((sn) => sn.includes(foldForGold(x)))))
        looGold += 1;
    }
  }
  // The routing rules on the same rankings: rift's, the previous one, and rift's at other
  // thresholds.
  const fitted =
    (threshold: number): Rule =>
    (ranked) => {
      const best = ranked[0];
      if (!best) return null;
      return routedProbability(ROUTING_WEIGHTS, ranked) < threshold ? null : best.id;
    };
  const ruleRow = (name: string, rule: Rule) => {
    const cells = (['fit', 'other'] as const).map((h) => {
      const sc = scoreRule(rankings, h, rule);
      return [sc.own, sc.wrong, sc.refused, sc.leaveOneOutRefused]
        .map((x) => `${(100 * x).toFixed(1)}%`.padStart(6))
        .join(' ');
    });
    const refused = foreign.filter((x) => rule(x.ranked) === null).length;
    process.stdout.write(
      `  ${name.padEnd(30)} ${cells.join(' | ')} | ${refused} of ${foreign.length}\n`,
    );
  };
  const threshold = ROUTING_WEIGHTS.route.threshold;
  process.stdout.write(
    `\nRouting rules on the same rankings (own story, wrong story, refused; leave-one-out refused), fit half | other half | foreign refused\n\n`,
  );
  ruleRow('previous (p >= 0.4, lead 0.1)', previous);
  ruleRow(`rift (threshold ${threshold.toFixed(3)})`, fitted(threshold));
  process.stdout.write('\n  rift at other thresholds:\n');
  for (const t of [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5])
    ruleRow(`threshold ${t.toFixed(2)}`, fitted(t));

  let foreignRefused = 0;
  let foreignPreviousRefused = 0;
  let foreignAloneRefused = 0;
  let foreignOwnRefused = 0;
  const own = new Map(entries.filter((e) => !e.squad).map((e) => [e.id, e.story]));
  const ownListings = listings.filter((l) => own.has(l.id));
  const foreignAnswered: string[] = [];
  for (const entry of entries) {
    for (const q of entry.questions) {
      if (!q.abstain || entry.squad) continue;
      const reply = runLibrary(stories, listings, { name: 'ask', question: q.q, private: false });
      if (reply.kind === 'abstention') foreignRefused += 1;
      if (previous(rankStories(stories, q.q)) === null) foreignPreviousRefused += 1;
      const lead =
        reply.kind === 'compared' ? reply.answers[0] : reply.kind === 'answer' ? reply : null;
      if (lead) foreignAnswered.push(`"${q.q}" -> ${lead.story?.id}: "${lead.lead.slice(0, 120)}"`);
      const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
      if (alone.kind === 'abstention') foreignAloneRefused += 1;
      const ours = runLibrary(own, ownListings, { name: 'ask', question: q.q, private: false });
      if (ours.kind === 'abstention') foreignOwnRefused += 1;
    }
  }
  const [fitRefused = 0, fitAsked = 0] = looByHalf.fit;
  const [otherRefused = 0, otherAsked = 0] = looByHalf.other;
  process.stdout.write('\nOut-of-corpus refusals (the library rebuilt without the story)\n\n');
  process.stdout.write(
    `  leave-one-out (a squad-dev story's questions, its story removed): ${pct(looRefused, looAsked)} of ${looAsked} refused (fit half ${pct(fitRefused, fitAsked)}, other half ${pct(otherRefused, otherAsked)}; previous rule ${pct(looPreviousRefused, looAsked)})\n`,
  );
  process.stdout.write(
    `    answered from another story with a gold answer in its snippets:  ${pct(looGold, looAsked)} (refused or rightly answered: ${pct(looRefused + looGold, looAsked)})\n`,
  );
  process.stdout.write(
    `  baseline, the same questions asked of the story most like each, alone: ${pct(nearestRefused, looAsked)} refused\n`,
  );
  process.stdout.write(
    `  baseline, one story and squad-dev's foreign questions:            ${pct(baseRefused, baseAsked)} of ${baseAsked} refused\n`,
  );
  process.stdout.write(
    `  seeds' and stadium's abstain questions, whole library:           ${pct(foreignRefused, foreign.length)} of ${foreign.length} refused (previous rule: ${foreignPreviousRefused})\n`,
  );
  process.stdout.write(
    `  the same questions, a library of the ${own.size} stories they were written against: ${pct(foreignOwnRefused, foreign.length)} of ${foreign.length} refused\n`,
  );
  process.stdout.write(
    `  baseline, the same questions asked of their own story alone:     ${pct(foreignAloneRefused, foreign.length)} of ${foreign.length} refused\n`,
  );
  for (const line of foreignAnswered) process.stdout.write(`    answered: ${line}\n`);
  process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

main();
