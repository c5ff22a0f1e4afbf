/**
 * `npm run eval`: scores rift on the gold questions of every evaluation corpus, beside plain
 * minisearch measured in the same run, then on squad-dev beside BM25 when its data is present
 * (`--squad DIR` or `RIFT_SQUAD_DEV`; default `../shared/eval/squad-dev`). `--verbose` lists each
 * question's rank and each miss. `--news PATH` adds the annotated-news quote evaluation
 * (`npm run eval:news`).
 */
import { EVAL_CORPORA } from './corpora.ts';
import { main as newsEval } from './news/run-news.ts';
import {
  evaluateBaseline,
  evaluateRift,
  type QuestionScores,
  readGoldQuestions,
} from './questions-eval.ts';
import { printQuotesEval } from './quotes-eval.ts';
import { printSquadEval } from './squad-report.ts';

const verbose = process.argv.includes('--verbose');
const pct = (x: number) => x.toFixed(2);
const row = (name: string, s: QuestionScores) =>
  `  ${name.padEnd(22)} pass@1 ${pct(s.passAt1)}  pass@3 ${pct(s.passAt3)}  abstention ${pct(s.abstention)}  false abstentions ${s.falseAbstentions}`;

for (const corpus of EVAL_CORPORA) {
  const story = corpus.load();
  const gold = readGoldQuestions(corpus.questions);
  const rift = evaluateRift(story, gold);
  const baseline = evaluateBaseline(story, gold);
  console.log(
    `Questions: ${corpus.name} (${story.corpus.articles.length} articles, ${rift.answerable} answerable, ${gold.length - rift.answerable} out of corpus)`,
  );
  console.log(row('rift', rift));
  console.log(row('baseline (minisearch)', baseline));
  if (verbose) {
    for (const d of rift.details) {
      const ok = d.expectAbstain ? d.rank === 'abstained' : d.rank === 1;
      console.log(`    ${ok ? 'ok ' : 'MISS'} ${String(d.rank).padEnd(9)} ${d.q}`);
    }
  }
}

console.log('');
printQuotesEval(verbose);

console.log('');
printSquadEval(process.argv.slice(2), process.env);
const news = process.argv.indexOf('--news');
if (news >= 0) {
  const path = process.argv[news + 1];
  console.log('');
  process.exitCode = await newsEval(path ? [path, ...(verbose ? ['--verbose'] : [])] : []);
}
