// Risk display for staff: tier badge, score, evidence chips, and highlighted phrases.
// Evidence spans count Unicode code points (as Python does), not UTF-16 units.

import { el, format } from "./dom.js";

export function riskSummary(text, { tier, score, evidence, explanation, reason }) {
  const label = text.tiers[tier] || tier;
  const parts = [el("span", { className: `tier-badge tier-${tier}`, text: label })];
  if (score !== null && score !== undefined) {
    parts.push(el("span", { className: "score", text: format(text.score, { score: Number(score).toFixed(2) }) }));
  }
  const chips = (evidence || []).map((item) =>
    el("li", { className: `evidence construct-${item.construct}` }, [
      el("q", { text: item.phrase }),
      el("span", { className: "construct", text: (text.constructs || {})[item.construct] || item.construct.replaceAll("_", " ") }),
    ]),
  );
  const summary = el("div", { className: `risk tier-${tier}` }, [el("div", { className: "risk-line" }, parts)]);
  if (chips.length) summary.append(el("ul", { className: "evidence-list" }, chips));
  const why = explain(text, reason) || explanation;
  if (why) summary.append(el("p", { className: "explanation", text: why }));
  return summary;
}

// The engine's reason ({tier, code, parts: [[construct, phrase]], ...}) in the page's
// language; null when this page has no wording for it (the server's English is shown).
export function explain(text, reason) {
  const words = text.explain;
  if (!words || !reason || !text.tiers || !text.tiers[reason.tier]) return null;
  const tier = text.tiers[reason.tier];
  if (reason.code === "model") {
    const rules = reason.rules && clause(words, reason.rules);
    if (!rules || !text.tiers[reason.rules.tier]) return null;
    return format(words.model, { tier, p: Number(reason.p).toFixed(2), rules_tier: text.tiers[reason.rules.tier], rules });
  }
  const why = clause(words, reason);
  return why ? format(words.sentence, { tier, reason: why }) : null;
}

function clause(words, reason) {
  if (!words[reason.code]) return null;
  const said = (reason.parts || []).map(([construct, phrase]) =>
    reason.code === "act"
      ? format(words.quote, { phrase })
      : format(words.part, { label: words.labels[construct] || construct, phrase }),
  );
  const parts = said.length > 1 ? said.slice(0, -1).join(words.comma) + words.and + said.at(-1) : said.join("");
  return format(words[reason.code], { parts });
}

// Wrap the evidence phrases of one message body in <mark>, building nodes, never HTML.
export function highlight(bodyNode, evidence, constructNames = {}) {
  const chars = Array.from(bodyNode.textContent);
  const spans = (evidence || [])
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start < e.end && e.end <= chars.length)
    .sort((a, b) => a.start - b.start);
  if (!spans.length) return;
  const pieces = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue; // overlapping evidence: the first one wins
    if (span.start > cursor) pieces.push(document.createTextNode(chars.slice(cursor, span.start).join("")));
    pieces.push(el("mark", { className: `construct-${span.construct}`, text: chars.slice(span.start, span.end).join(""), attrs: { title: constructNames[span.construct] || span.construct } }));
    cursor = span.end;
  }
  if (cursor < chars.length) pieces.push(document.createTextNode(chars.slice(cursor).join("")));
  bodyNode.replaceChildren(...pieces);
}
