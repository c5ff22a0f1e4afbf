/** Codes for the errors the core raises; adapters map them to exit statuses or replies. */
export type RiftErrorCode =
  | 'CORPUS_MISSING'
  | 'CORPUS_EMPTY'
  | 'CONFIG_INVALID'
  | 'CONFIG_MISSING'
  | 'ENV_INVALID'
  | 'BUILD_FAILED';

/**
 * An error whose message names the bad value and says how to fix it.
 *
 * @example
 * throw new RiftError('CORPUS_MISSING', 'Corpus folder "stories/x" does not exist. Pass --corpus DIR.');
 */
export class RiftError extends Error {
  override readonly name = 'RiftError';
  constructor(
    readonly code: RiftErrorCode,
    message: string,
  ) {
    super(message);
  }
}
