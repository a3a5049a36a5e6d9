// natural's package root pulls in every submodule (and dotenv); we import the few we use directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer_nl.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  /** Similarity of character bigrams: 1 = identical. */
  const diceCoefficient: (a: string, b: string) => number;
  export default diceCoefficient;
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  /** Similarity despite the name: 1 = identical. */
  const jaroWinklerDistance: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  export default jaroWinklerDistance;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_nl.js' {
  export default class AggressiveTokenizerNl {
    tokenize(text: string): string[];
  }
}
