import { createHash, timingSafeEqual } from 'node:crypto';

/** Long enough that a token cannot be guessed; the lab and IT admins make random ones. */
export const MIN_SURVEY_TOKEN_LENGTH = 16;

function sha256(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The bearer tokens the survey IVRs post results with (service tokens, not agents' sessions).
 * Only their SHA-256 is kept, so a heap dump does not hand out a token, and comparing digests of
 * equal length in constant time tells a caller nothing about how close its guess was.
 */
export class SurveyTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    for (const token of tokens) {
      // A token with a space could never arrive intact in `Authorization: Bearer <token>`.
      if (token.length < MIN_SURVEY_TOKEN_LENGTH || /\s/.test(token)) {
        throw new Error(`a survey token must be at least ${MIN_SURVEY_TOKEN_LENGTH} characters without spaces`);
      }
    }
    this.digests = tokens.map(sha256);
  }

  accepts(token: string): boolean {
    const offered = sha256(token);
    let accepted = false;
    // Compare with every digest, without stopping at a match: the time does not tell which one matched.
    for (const digest of this.digests) accepted = timingSafeEqual(offered, digest) || accepted;
    return accepted;
  }
}
