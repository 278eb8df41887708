// The two ways `replay` refuses: a usage error (exit 2, with what is allowed) and a job that has nothing to
// resume (exit 1).
export class UsageError extends Error {
  override name = 'UsageError';
}

export class NothingToResume extends Error {
  override name = 'NothingToResume';
}
