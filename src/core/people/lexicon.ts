/**
 * General English word lists the quote and people modules reason with. Nothing here is about one
 * story: a new corpus must work without editing this file (story-specific names belong in the
 * story config as aliases).
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** Verbs that introduce or follow reported speech or writing (`said`, `told`, `wrote in part`). */
export const SPEECH_VERBS = set(`
  say says said saying tell tells told telling add adds added adding explain explains explained
  explaining admit admits admitted admitting write writes wrote writing written reply replies
  replied replying continue continues continued continuing share shares shared state states stated
  note notes noted insist insists insisted argue argues argued claim claims claimed declare
  declares declared reveal reveals revealed recalled remark remarks remarked
  respond responds responded answer answers answered tweet tweets tweeted post posts posted joke
  jokes joked confess confesses confessed acknowledge acknowledges acknowledged concede concedes
  conceded counter counters countered warn warns warned urge urges urged conclude concludes
  concluded concluding stress stresses stressed emphasize emphasizes emphasized announce announces
  announced quip quips quipped reflect reflects reflected observe observes observed opine opines
  opined muse muses mused exclaim exclaims exclaimed shout shouts shouted yell yells yelled plead
  pleads pleaded maintain maintains maintained complain complains complained boast boasts boasted
  lament laments lamented promise promises promised vow vows vowed caution cautions cautioned
  comment comments commented text texts texted message messages messaged caption captions
  captioned read reads spoke speak speaks speaking asked ask asks called call calls calling
  discussed discuss discusses describe describes described insisting adding writing replying
  explained recounted recount recounts suggested suggest suggests testified testify added
  interjected chimed repeat repeats repeated blurt blurts blurted scold scolds scolded assert
  asserts asserted allege alleges alleged contend contends contended echo echoes echoed whisper
  whispers whispered wonder wonders wondered predict predicts predicted
`);

/** Speech verbs whose grammatical subject is a document (`a message ... read`, `It read`). */
export const DOCUMENT_VERBS = set('read reads');

/** Words after which a name is an object, not the speaker: `with David Axelrod`, `told host X`. */
export const NON_SUBJECT_MARKERS = set(`
  with to for about of from by against between toward towards at on into than like over behind
  among amongst alongside under via upon onto without told tells tell telling asked asks thanked
  urged interviewed met joined texted messaged informed warned called dismissed blamed praised
  thanks criticized criticised slammed
`);

/** Subordinators: a name right after one is inside a clause, not the sentence's subject. */
export const SUBORDINATORS = set('how that whether if because as when while whom whose what why');

/**
 * Role nouns: heads of descriptions that stand for a person (`the mayor`, `the 43-year-old
 * singer`) and titles that come before a name (`coach Ana Ruiz`, `host David Axelrod`).
 * A corpus adds its own through appositives (`Bell, a former linebacker`).
 */
export const ROLE_NOUNS = set(`
  singer rapper songwriter musician artist producer star actor actress comedian host presenter
  anchor reporter journalist mayor governor senator president coach manager owner chairman
  chairwoman chair chairperson ceo founder executive spokesman spokeswoman spokesperson minister
  secretary judge lawyer attorney officer chief director teacher player captain striker
  quarterback linebacker councilman councilwoman councillor councilor member official leader mogul
  hitmaker crooner entrepreneur billionaire businessman businesswoman candidate lawmaker congressman
  congresswoman representative commissioner sheriff detective doctor professor author writer
  designer model athlete rocker diva icon frontman frontwoman superstar megastar veteran
  star rookie forward defender goalkeeper midfielder pitcher umpire referee premier chancellor
  ambassador general colonel sergeant pastor bishop priest prince princess king queen duke duchess
  activist supporter critic commentator analyst economist scientist researcher surgeon nurse
  student principal superintendent treasurer auditor administrator trustee councilmember
  alderman alderwoman spokesperson publicist agent promoter filmmaker
`);

/** Role nouns that tell a person's gender. */
export const FEMALE_ROLES = set(`
  actress chairwoman spokeswoman businesswoman congresswoman councilwoman alderwoman princess
  queen duchess frontwoman mother wife daughter sister girlfriend grandmother aunt niece
  mrs ms miss madam lady
`);
/** Role nouns and honorifics that tell a person is a man. */
export const MALE_ROLES = set(`
  chairman spokesman businessman congressman councilman alderman prince king duke frontman father
  husband son brother boyfriend grandfather uncle nephew mr sir lord
`);

/** Honorifics written before a name, with or without a period (`Sen. Elizabeth Warren`). */
export const HONORIFICS = set(`
  mr mrs ms miss dr prof sen rep gov pres gen col lt sgt capt cmdr adm rev hon det insp supt
  atty senator governor president mayor coach judge chief captain sheriff councilman councilwoman
  councillor councilor commissioner director secretary minister chairman chairwoman host
  professor general colonel sergeant detective officer pastor bishop father sister brother
  king queen prince princess lady lord sir dame representative congressman congresswoman
  premier chancellor ambassador owner president-elect
`);

/** Capitalised words that start sentences without being names. */
export const CAPITALISED_NON_NAMES = set(`
  the a an in on at but and so when after before according speaking if as still later then while
  though although asked explaining instead like because back during since until this that these
  those there his her their our my its it he she they we you i yes no however meanwhile also even
  now today yesterday tomorrow last next first one two three here where why what who how both
  neither either all some many most more each every other another such only just once after
  despite given following over under with without from into for of by to up down out
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december people fans critics officials residents
  sources experts analysts reporters police others supporters opponents witnesses neighbours
  neighbors friends fans players voters members lawmakers leaders parents students teachers
  workers staff spokesperson representatives
`);

/** Last words of capitalised runs that name places, organisations or works, not people. */
export const NON_PERSON_HEADS = set(`
  stadium hall music files fair magazine awards states city street park center centre university
  college times post news herald daily records party club county council committee department
  house court church school hotel festival show podcast avenue road airport bank group company inc
  studios network channel radio journal ledger courier review tribune gazette league association
  foundation institute agency office ministry senate congress assembly board commission police
  army navy force arena field square bridge river lake mountain island beach valley museum
  gallery theater theatre library hospital station tower building plaza mall market
  america york london paris
`);

/**
 * Particles written inside surnames (`Nadia Al Amin`, `Ana de Souza`, `Jan van Dijk`): part of
 * the surname, never a given name, and no English word to weigh against a name.
 */
export const NAME_PARTICLES = set(
  'al el bin ibn abu bint van von de der den del della di da du dos das le la',
);

/** Third-person subject pronouns and the gender they carry. */
export const PRONOUN_GENDER: Readonly<Record<string, 'male' | 'female'>> = {
  he: 'male',
  she: 'female',
};
