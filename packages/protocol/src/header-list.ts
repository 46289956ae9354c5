// List-valued headers (@httpHeader on a list): items joined with ", "; a string item holding a comma or
// a double quote travels as a quoted string with \" and \\ escapes (RFC 9110 §5.6.4). An http-date holds
// a comma of its own ("Tue, 29 Apr 2014 …"), so such lists are split after every second comma.

/** The items of a list header; `httpDates` pairs the pieces of IMF-fixdate items back up. */
export function splitHeaderList(text: string, httpDates?: boolean): string[] {
  if (httpDates) {
    const pieces = text.split(",");
    const dates: string[] = [];
    for (let i = 0; i < pieces.length; i += 2) {
      const day = pieces[i]!.trim();
      const rest = pieces[i + 1];
      dates.push(rest === undefined ? day : `${day}, ${rest.trim()}`);
    }
    return dates;
  }
  const items: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] === '"') {
      let item = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        item += text[i];
        i++;
      }
      i++; // the closing quote
      items.push(item);
      const comma = text.indexOf(",", i);
      i = comma < 0 ? text.length + 1 : comma + 1;
    } else {
      const comma = text.indexOf(",", i);
      const end = comma < 0 ? text.length : comma;
      items.push(text.slice(i, end).trim());
      i = end + 1;
    }
  }
  return items;
}

const NEEDS_QUOTES = /[,"]/;

/** A string item as it goes into a list header: quoted (and escaped) only when it must be. */
export function quoteHeaderItem(item: string): string {
  return NEEDS_QUOTES.test(item) ? `"${item.replace(/["\\]/g, "\\$&")}"` : item;
}

/** A list header's value; `quote` for string items (numbers, booleans and dates never need it). */
export function joinHeaderList(items: readonly string[], quote?: boolean): string {
  return (quote ? items.map(quoteHeaderItem) : items).join(", ");
}
