/** A search snippet: the words FTS5 matched are between « and »; shown marked, as text. */
export function Snippet({ text }: { readonly text: string }) {
  return (
    <span>
      {text
        .split(/(«[^»]*»)/u)
        .map((piece, i) =>
          piece.startsWith('«') && piece.endsWith('»') ? (
            <mark key={i}>{piece.slice(1, -1)}</mark>
          ) : (
            piece
          ),
        )}
    </span>
  );
}
