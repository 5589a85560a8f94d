/**
 * Rule texts mark commands with backticks (`aws iam ...`); they print in a monospace font. The
 * text is split and rendered as React text nodes, never as markup.
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd number of backticks leaves the last part unpaired: it prints as plain text.
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && i < parts.length - 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>,
      )}
    </>
  );
}
