/** The database was migrated by a newer server than this one; opening it could misread what it holds. */
export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, but this server knows only up to ${known}; use a newer server`,
    );
    this.name = "DatabaseTooNewError";
  }
}
