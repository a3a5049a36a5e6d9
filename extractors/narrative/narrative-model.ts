/**
 * The narrative of a case-level nota as extraction data: its sections (one per numbered or
 * recognised heading), the recommendations listed under "Aanbevelingen", the voices quoted by role,
 * and the organisations present at the learning meeting. Null on ExtractedReport for policy
 * factsheets and follow-ups: this stage runs for `casus` reports only.
 *
 * The location shape repeats model.ts's locationSchema on purpose: model.ts imports this file, and
 * an import back would be a cycle that leaves one of the two schemas undefined at load time.
 */
import { z } from 'zod';

const narrativeLocationSchema = z.object({
  lineStart: z.number().int().positive().nullable(),
  lineEnd: z.number().int().positive().nullable(),
  page: z.number().int().positive().nullable(),
  locator: z.string().nullable(),
});

export const NARRATIVE_KINDS = ['sterk', 'verbeter', 'conclusie', 'aanbeveling', 'leerbijeenkomst', 'beschrijving', 'overig'] as const;
export type NarrativeKind = (typeof NARRATIVE_KINDS)[number];
export const QUOTE_ROLE_GROUPS = ['ouder', 'professional', 'gemeente', 'other'] as const;
export type QuoteRoleGroup = (typeof QUOTE_ROLE_GROUPS)[number];

export const narrativeSectionSchema = z.object({
  /** "3.1" as printed; null for an unnumbered heading. */
  number: z.string().nullable(),
  heading: z.string().min(1),
  /** 1 for a chapter, 2 for a section inside one. */
  depth: z.number().int().min(1).max(2),
  kind: z.enum(NARRATIVE_KINDS),
  /** Catalogue theme ids the section's framework reference names ("het thema 'Gezin centraal'"). */
  themeIds: z.array(z.string()),
  /** Catalogue indicator ids the section names itself; empty rather than guessed. */
  indicatorIds: z.array(z.string()),
  /** The text under the section's own "Conclusie" heading. */
  conclusion: z.string().nullable(),
  /** The section's text before its "Conclusie" (quotes included), paragraphs joined by "\n". */
  text: z.string().nullable(),
  location: narrativeLocationSchema,
});
export type NarrativeSection = z.infer<typeof narrativeSectionSchema>;

export const narrativeRecommendationSchema = z.object({
  /** 1.. in document order. */
  ordinal: z.number().int().positive(),
  /** Index into sections of the section that lists it. */
  sectionIndex: z.number().int().nonnegative(),
  /** The bold lead, or the first sentence when the document lost its bold. */
  title: z.string().nullable(),
  text: z.string().min(1),
  themeIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  /** Best catalogue match score of the title (0..1); ids are set only at or above the threshold. */
  matchScore: z.number().min(0).max(1).nullable(),
  location: narrativeLocationSchema,
});
export type NarrativeRecommendation = z.infer<typeof narrativeRecommendationSchema>;

export const narrativeQuoteSchema = z.object({
  sectionIndex: z.number().int().nonnegative().nullable(),
  /** As printed: "Ouders", "Adviseur Bijzondere Doelgroepen", "Professional". */
  speakerRole: z.string().min(1),
  roleGroup: z.enum(QUOTE_ROLE_GROUPS),
  text: z.string().min(1),
  location: narrativeLocationSchema,
});
export type NarrativeQuote = z.infer<typeof narrativeQuoteSchema>;

export const narrativeSchema = z.object({
  sections: z.array(narrativeSectionSchema),
  recommendations: z.array(narrativeRecommendationSchema),
  quotes: z.array(narrativeQuoteSchema),
  /** Organisations named as present at the learning meeting, in order of mention, as printed. */
  attendees: z.array(z.string()),
});
export type Narrative = z.infer<typeof narrativeSchema>;
