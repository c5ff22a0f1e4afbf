/**
 * Routing accuracy: every gold question asked with no story named, of a library holding every
 * story we have gold for (the seeds, our stadium story, and squad-dev's 24 Wikipedia stories).
 * A question lands right when the routed reply's strongest answer comes from its own story.
 *
 * Out-of-corpus questions must still be refused: each squad-dev story is taken out of the library
 * in turn and its questions asked of the other stories (leave-one-out; an answer whose snippets
 * hold one of the question's gold answers is counted apart: another story did answer it); the
 * seeds' and stadium's questions marked `abstain` are asked of the whole library.
 *
 * The routed thresholds are chosen on a fit half of the stories (every other squad-dev story, in
 * name order, with the seeds and stadium) and shown on the other half beside it. The baseline beside each figure is
 * the single story answering its own questions (for refusals: a single story refusing the foreign
 * questions squad-dev marks `abstain`), measured in the same run.
 *
 * Run: `npm run eval:routing` (squad-dev is read from `RIFT_SQUAD_DEV`, default
 * `../shared/eval/squad-dev` beside the checkout; it is skipped when absent).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Candidate,
  CLEAR_STRENGTH,
  MIN_ROUTED_LEAD,
  MIN_ROUTED_STRENGTH,
  rankStories,
  routable,
  runLibrary,
  storyListing,
} from '../../src/commands/library.ts';
import { loadStory } from '../../src/commands/open.ts';
import { runCommand } from '../../src/commands/run.ts';
import type { Story } from '../../src/core/story.ts';
import { EVAL_CORPORA } from './corpora.ts';
import { foldForGold, type GoldQuestion, readGoldQuestions } from './questions-eval.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SQUAD = resolve(ROOT, process.env.RIFT_SQUAD_DEV ?? '../shared/eval/squad-dev');

interface Entry {
  readonly id: string;
  readonly story: Story;
  readonly questions: readonly GoldQuestion[];
}

function load(): Entry[] {
  const entries: Entry[] = EVAL_CORPORA.map((c) => ({
    id: c.name,
    story: c.load(),
    questions: readGoldQuestions(c.questions),
  }));
  if (!existsSync(SQUAD)) {
    process.stderr.write(`routing eval: ${SQUAD} not found; squad-dev skipped\n`);
    return entries;
  }
  for (const name of readdirSync(SQUAD).sort()) {
    const dir = join(SQUAD, name);
    if (!statSync(dir).isDirectory()) continue;
    entries.push({
      id: name,
      story: loadStory({ corpus: dir }),
      questions: readGoldQuestions(join(SQUAD, `${name}.json`)),
    });
  }
  return entries;
}

const pct = (n: number, d: number) =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1)}%`.padStart(6);

function main(): void {
  const started = performance.now();
  const entries = load();
  const stories = new Map(entries.map((e) => [e.id, e.story]));
  const listings = entries.map((e) => storyListing(e.id, e.story, null));
  const listingsWithout = (id: string) => listings.filter((l) => l.id !== id);
  process.stderr.write(
    `routing eval: ${entries.length} stories loaded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const rows: string[][] = [];
  const totals = { asked: 0, own: 0, right: 0, compared: 0, wrong: 0, refused: 0 };
  const misses = new Map<string, number>();
  for (const entry of entries) {
    const row = { asked: 0, own: 0, right: 0, compared: 0, wrong: 0, refused: 0 };
    for (const q of entry.questions) {
      if (q.abstain) continue;
      row.asked += 1;
      // Baseline: the story alone answers (does not refuse) its own question.
      const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
      if (alone.kind !== 'answer') continue;
      row.own += 1;
      const reply = runLibrary(stories, listings, { name: 'ask', question: q.q, private: false });
      const landed =
        reply.kind === 'compared'
          ? reply.answers[0]?.story.id
          : reply.kind === 'answer'
            ? reply.story?.id
            : null;
      if (reply.kind === 'compared') row.compared += 1;
      if (landed === entry.id) row.right += 1;
      else if (landed) {
        row.wrong += 1;
        const key = `${entry.id} -> ${landed}`;
        misses.set(key, (misses.get(key) ?? 0) + 1);
      } else row.refused += 1;
    }
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += row[k];
    rows.push([
      entry.id.slice(0, 36).padEnd(36),
      String(row.asked).padStart(5),
      String(row.own).padStart(5),
      pct(row.right, row.own),
      pct(row.compared, row.own),
      pct(row.wrong, row.own),
      pct(row.refused, row.own),
    ]);
  }
  const head = ['story'.padEnd(36), 'asked', 'alone', ' right', 'compar', ' wrong', 'refuse'];
  process.stdout.write(
    '\nRouting: questions asked with no story, of a library of every story (right = the strongest answer is from its own story; denominators: questions the story answers alone)\n\n',
  );
  process.stdout.write(`${head.join(' ')}\n`);
  for (const row of rows) process.stdout.write(`${row.join(' ')}\n`);
  process.stdout.write(
    `${'ALL'.padEnd(36)} ${String(totals.asked).padStart(5)} ${String(totals.own).padStart(5)} ${pct(totals.right, totals.own)} ${pct(totals.compared, totals.own)} ${pct(totals.wrong, totals.own)} ${pct(totals.refused, totals.own)}\n`,
  );
  const worst = [...misses].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (worst.length > 0) {
    process.stdout.write('\nMost frequent wrong landings (own -> routed):\n');
    for (const [k, n] of worst) process.stdout.write(`  ${n.toString().padStart(4)}  ${k}\n`);
  }

  // Ablation: which evidence ranks the stories, on the same questions.
  const signals: Record<
    string,
    (e: { coverage: number; known: number; topicCoverage: number; probability: number }) => number
  > = {
    'coverage (best passages)': (e) => e.coverage,
    'known share (words the story uses)': (e) => e.known,
    'answer probability (rift)': (e) => e.probability,
    'coverage + known': (e) => e.coverage + e.known,
    'coverage + known + probability': (e) => e.coverage + e.known + e.probability,
    'known + probability': (e) => e.known + e.probability,
  };
  const hits = Object.fromEntries(Object.keys(signals).map((k) => [k, 0]));
  let ablationAsked = 0;
  // For the threshold sweep: the ranking with the own story (and whether it is first), and
  // without it (leave-one-out, squad-dev stories only), by half.
  const squadIds = entries.filter((e) => existsSync(join(SQUAD, e.id))).map((e) => e.id);
  const half = (id: string) => (squadIds.indexOf(id) % 2 === 1 ? 'test' : 'fit');
  const inCorpus: { half: string; own: string; ranked: readonly Candidate[] }[] = [];
  const withoutOwn: { half: string; ranked: readonly Candidate[] }[] = [];
  for (const entry of entries) {
    for (const q of entry.questions) {
      if (q.abstain) continue;
      const ranked = rankStories(stories, q.q);
      if (!ranked.some((c) => c.id === entry.id)) continue;
      ablationAsked += 1;
      inCorpus.push({ half: half(entry.id), own: entry.id, ranked });
      if (existsSync(join(SQUAD, entry.id)))
        withoutOwn.push({ half: half(entry.id), ranked: ranked.filter((c) => c.id !== entry.id) });
      for (const [name, f] of Object.entries(signals)) {
        const top = [...ranked].sort((a, b) => f(b) - f(a) || b.topicCoverage - a.topicCoverage)[0];
        if (top?.id === entry.id) hits[name] = (hits[name] ?? 0) + 1;
      }
    }
  }
  process.stdout.write(
    `\nAblation: the story ranked first by each signal (${ablationAsked} questions their own story answers)\n\n`,
  );
  for (const [name, n] of Object.entries(hits))
    process.stdout.write(`  ${name.padEnd(38)} ${pct(n, ablationAsked)}\n`);

  // A routed answer under the rule: the strongest story with at least `t`, unless under `clear`
  // it leads the next by less than `lead` (see `routable`).
  const landed = (ranked: readonly Candidate[], t: number, clear: number, lead: number) => {
    const best = ranked[0];
    if (!best || best.strength < t) return null;
    if (best.strength < clear && best.strength - (ranked[1]?.strength ?? 0) < lead) return null;
    return best.id;
  };
  process.stdout.write(
    `\nThreshold sweep: a routed answer needs evidence >= t, and under ${CLEAR_STRENGTH} a lead of at least l over the next story (rift uses t = ${MIN_ROUTED_STRENGTH}, l = ${MIN_ROUTED_LEAD}); fit half | other half\n\n      t     l   lands on own story   leave-one-out refused | lands on own story   leave-one-out refused\n`,
  );
  for (const t of [0, 0.3, 0.4, 0.5, 0.6, 0.8]) {
    for (const lead of [0, 0.1, 0.2, 0.3]) {
      if (t === 0 && lead > 0) continue;
      const cells = ['fit', 'test'].map((h) => {
        const ins = inCorpus.filter((x) => x.half === h);
        const loo = withoutOwn.filter((x) => x.half === h);
        const right = ins.filter((x) => landed(x.ranked, t, CLEAR_STRENGTH, lead) === x.own).length;
        const refused = loo.filter(
          (x) => landed(x.ranked, t, CLEAR_STRENGTH, lead) === null,
        ).length;
        return `${pct(right, ins.length).padStart(18)}   ${pct(refused, loo.length).padStart(21)}`;
      });
      process.stdout.write(
        `  ${t.toFixed(1).padStart(5)} ${lead.toFixed(1).padStart(5)} ${cells.join(' | ')}\n`,
      );
    }
  }

  // Out of corpus.
  let looAsked = 0;
  let looRefused = 0;
  let looGold = 0;
  let baseAsked = 0;
  let baseRefused = 0;
  for (const entry of entries) {
    if (!existsSync(join(SQUAD, entry.id))) continue;
    const others = new Map([...stories].filter(([id]) => id !== entry.id));
    for (const q of entry.questions) {
      if (q.abstain) {
        baseAsked += 1;
        const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
        if (alone.kind === 'abstention') baseRefused += 1;
        continue;
      }
      looAsked += 1;
      if (routable(rankStories(others, q.q)).length === 0) {
        looRefused += 1;
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
  let foreignAsked = 0;
  let foreignRefused = 0;
  let foreignAloneRefused = 0;
  const foreignAnswered: string[] = [];
  for (const entry of entries) {
    for (const q of entry.questions) {
      if (!q.abstain || existsSync(join(SQUAD, entry.id))) continue;
      foreignAsked += 1;
      const reply = runLibrary(stories, listings, { name: 'ask', question: q.q, private: false });
      if (reply.kind === 'abstention') foreignRefused += 1;
      const lead =
        reply.kind === 'compared' ? reply.answers[0] : reply.kind === 'answer' ? reply : null;
      if (lead) foreignAnswered.push(`"${q.q}" -> ${lead.story?.id}: "${lead.lead.slice(0, 120)}"`);
      const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
      if (alone.kind === 'abstention') foreignAloneRefused += 1;
    }
  }
  process.stdout.write('\nOut-of-corpus refusals\n\n');
  process.stdout.write(
    `  leave-one-out (a squad-dev story's questions, its story removed): ${pct(looRefused, looAsked)} of ${looAsked} refused\n`,
  );
  process.stdout.write(
    `    answered from another story with a gold answer in its snippets:  ${pct(looGold, looAsked)} (refused or rightly answered: ${pct(looRefused + looGold, looAsked)})\n`,
  );
  process.stdout.write(
    `  baseline, one story and squad-dev's foreign questions:            ${pct(baseRefused, baseAsked)} of ${baseAsked} refused\n`,
  );
  process.stdout.write(
    `  seeds' and stadium's abstain questions, whole library:           ${pct(foreignRefused, foreignAsked)} of ${foreignAsked} refused\n`,
  );
  process.stdout.write(
    `  baseline, the same questions asked of their own story alone:     ${pct(foreignAloneRefused, foreignAsked)} of ${foreignAsked} refused\n`,
  );
  for (const line of foreignAnswered) process.stdout.write(`    answered: ${line}\n`);
  process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

main();
