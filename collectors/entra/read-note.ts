/** Something the reader noticed about the input that the data alone does not show. */
export interface ReadNote {
  /** The request path concerned, or the file for ignored files. */
  path: string;
  /** incomplete: the last page still pointed at a next page. ignored: not an endpoint we read. */
  kind: 'incomplete' | 'ignored';
  message: string;
}
