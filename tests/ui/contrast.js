/* WCAG contrast of every visible text on the page (and of placeholders) against what is painted behind it.
   The background is composited from the element up to the page (semi-transparent layers blended; for a
   gradient, each colour stop is tried and the worst counts). Returns {checked, failures}. */
() => {
  const parse = (css) => {
    const m = css && css.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const backgrounds = (element) => {
    const chain = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) chain.push(node);
    let results = [[255, 255, 255, 1]];  /* the canvas */
    for (const node of chain.reverse()) {
      const style = getComputedStyle(node);
      const stops = (style.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
      const layers = stops.length ? stops : [parse(style.backgroundColor) || [0, 0, 0, 0]];
      results = results.flatMap((base) => layers.map((layer) => over(layer, base))).slice(0, 16);
    }
    return results;
  };
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return false;  /* screen-reader-only text */
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const worst = (color, element) => Math.min(...backgrounds(element).map((bg) => ratio(over(color, bg), bg)));
  const failures = [];
  let checked = 0;
  for (const element of document.body.querySelectorAll("*")) {
    const text = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!text || !shown(element) || element.closest("[disabled], [aria-disabled='true'], script, style")) continue;
    const style = getComputedStyle(element);
    const color = parse(style.color);
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      color[3] *= Number(getComputedStyle(node).opacity);
    }
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    const need = large ? 3 : 4.5;
    const found = worst(color, element);
    checked += 1;
    if (found < need) failures.push({text: text.slice(0, 60), ratio: Math.round(found * 100) / 100, need});
  }
  for (const box of document.querySelectorAll("textarea[placeholder], input[placeholder]")) {
    if (!shown(box)) continue;
    const found = worst(parse(getComputedStyle(box, "::placeholder").color), box);
    checked += 1;
    if (found < 4.5) failures.push({text: `placeholder ${box.placeholder}`, ratio: Math.round(found * 100) / 100, need: 4.5});
  }
  return {checked, failures};
}
