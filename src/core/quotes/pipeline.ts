import type { Article } from '../corpus/types.ts';
import { detectPeople, learnFromRelativeClauses, type PersonRecord } from '../people/detect.ts';
import { type MaskedArticle, maskArticle } from '../people/mask.ts';
import { buildPeopleModel, type PeopleModel } from '../people/model.ts';
import type { PersonAlias } from '../people/types.ts';
import {
  type ArticleAttribution,
  type AttributedUnit,
  attributeArticle,
  type ResolvedMention,
} from './attribute.ts';
import { clusterQuotes } from './cluster.ts';

/** A quotation of one source, attributed, with its text as shown to users. */
export interface AnalysedUnit extends AttributedUnit {
  /** The segments joined with ` … `. */
  readonly text: string;
  readonly speaker: string | null;
  readonly rule: string;
}

/** Everything the quote index and `findPeople` derive from a corpus. */
export interface CorpusAnalysis {
  readonly model: PeopleModel;
  readonly units: readonly AnalysedUnit[];
  /** Groups of indices into `units`: one group per statement, in corpus order. */
  readonly clusters: readonly (readonly number[])[];
  readonly mentions: readonly (ResolvedMention & { readonly source: string })[];
}

/** Separator between the segments of one quotation (`“...,” he said. “...”`). */
export const SEGMENT_JOINER = ' … ';

/**
 * Runs the whole quote pipeline: scan and classify quotation marks, detect people, attribute,
 * cluster across outlets, learn descriptions from clusters (an outlet that wrote `the "You & I"
 * singer` where another wrote `Legend` teaches that `singer` is Legend), attribute again with
 * them, and finally give a quotation no rule could attribute the speaker its cluster agrees on.
 *
 * @example
 * analyseCorpus(loadCorpus('seeds', { boilerplate: [] }).articles).units.length // 38
 */
export function analyseCorpus(
  articles: readonly Article[],
  aliases: readonly PersonAlias[] = [],
): CorpusAnalysis {
  const masked = articles.map(maskArticle);
  const records = detectPeople(masked, aliases);
  let model = buildPeopleModel(records);
  if (learnFromRelativeClauses(masked, model.descriptionPattern, model.forms)) {
    model = buildPeopleModel(records);
  }
  let pass = attributeAll(masked, model);
  let units = toUnits(pass);
  let clusters = clusterQuotes(units);
  if (learnRoles(records, units, clusters)) {
    model = buildPeopleModel(records);
    pass = attributeAll(masked, model);
    units = toUnits(pass);
    clusters = clusterQuotes(units);
  }
  units = fillFromClusters(units, clusters);
  const mentions = pass.flatMap((result, i) =>
    result.mentions.map((m) => ({ ...m, source: articles[i]?.id ?? '' })),
  );
  return { model, units, clusters, mentions };
}

function attributeAll(masked: readonly MaskedArticle[], model: PeopleModel): ArticleAttribution[] {
  return masked.map((item) => attributeArticle(item, model));
}

function toUnits(results: readonly ArticleAttribution[]): AnalysedUnit[] {
  return results.flatMap((result) =>
    result.units.map((unit) => ({
      ...unit,
      text: unit.segments.map((s) => s.text.trim()).join(SEGMENT_JOINER),
      speaker: unit.attribution.speaker,
      rule: unit.attribution.rule,
    })),
  );
}

/** The speaker most of a cluster's attributed quotations agree on, or null on a tie. */
export function consensus(speakers: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const s of speakers) if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || (second && second[1] === best[1])) return null;
  return best[0];
}

function learnRoles(
  records: readonly PersonRecord[],
  units: readonly AnalysedUnit[],
  clusters: readonly (readonly number[])[],
): boolean {
  let learned = false;
  const byName = new Map(records.map((r) => [r.name, r]));
  for (const group of clusters) {
    const members = group.map((i) => units[i]).filter((u) => u !== undefined);
    const agreed = consensus(members.map((u) => u.speaker));
    const record = agreed === null ? undefined : byName.get(agreed);
    if (!record) continue;
    for (const unit of members) {
      const cue = unit.attribution.cue;
      if (unit.speaker || cue?.kind !== 'description' || !cue.role) continue;
      if (!record.roles.has(cue.role)) {
        record.roles.add(cue.role);
        record.descriptions.add(`the ${cue.role}`);
        learned = true;
      }
    }
  }
  return learned;
}

function fillFromClusters(
  units: readonly AnalysedUnit[],
  clusters: readonly (readonly number[])[],
): AnalysedUnit[] {
  const out = [...units];
  for (const group of clusters) {
    const agreed = consensus(group.map((i) => units[i]?.speaker ?? null));
    if (!agreed) continue;
    const kind = group.map((i) => units[i]).find((u) => u?.speaker === agreed)?.attribution.kind;
    for (const i of group) {
      const unit = out[i];
      if (unit && unit.speaker === null) {
        out[i] = {
          ...unit,
          speaker: agreed,
          rule: 'cluster',
          attribution: {
            ...unit.attribution,
            speaker: agreed,
            kind: kind ?? null,
            rule: 'cluster',
          },
        };
      }
    }
  }
  return out;
}
