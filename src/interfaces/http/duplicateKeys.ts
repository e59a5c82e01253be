/**
 * The first member name that occurs twice in one object of a JSON text, compared after unescaping
 * (`"a"` and `"\u0061"` are one name), or null. Written for text JSON.parse accepts; on any other
 * text its answer does not matter, since JSON.parse refuses that text next. Scans with an explicit
 * stack of scopes, so nesting depth costs no call stack.
 */
export function findDuplicateKey(text: string): string | null {
  // One entry per open container: the names seen so far in an object, null for an array.
  const scopes: (Set<string> | null)[] = [];
  let expectingName = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '{' || char === '[') {
      scopes.push(char === '{' ? new Set() : null);
      expectingName = char === '{';
    } else if (char === '}' || char === ']') {
      scopes.pop();
      expectingName = false;
    } else if (char === ',') {
      expectingName = (scopes[scopes.length - 1] ?? null) !== null;
    } else if (char === '"') {
      const end = endOfString(text, i);
      if (expectingName) {
        const name = decodeString(text.slice(i, end + 1));
        const seen = scopes[scopes.length - 1];
        if (name === null || seen == null) return null;
        if (seen.has(name)) return name;
        seen.add(name);
        expectingName = false;
      }
      i = end;
    }
  }
  return null;
}

/** Index of the quote closing the string that opens at `start`, or the last index if unterminated. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

function decodeString(literal: string): string | null {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
