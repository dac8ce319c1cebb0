"use strict";
// The details panel: what a claim's verdict is (today and as of each article's date), the
// evidence by direction with the decisive lines marked, who said it and who they credit.
// Article and study panels list their claims. Text is only ever written with textContent.
window.claimgraphParts = window.claimgraphParts || {};
window.claimgraphParts.panel = function (app) {
  const panel = document.getElementById("details");
  const element = app.element;
  const DIRECTIONS = [["supports", "Supporting"], ["disputes", "Disputing"], ["qualifies", "Qualifying"]];

  function verdictMark(key, text) {
    const style = app.verdicts[key];
    const mark = element("span", style.glyph + " " + (text || style.label), "verdict");
    mark.style.color = style.colour;
    mark.dataset.verdict = key;
    return mark;
  }

  function identifiers(study) {
    const parts = [];
    if (study.doi) parts.push("DOI " + study.doi);
    if (study.pmid) parts.push("PMID " + study.pmid);
    return element("div", parts.join(" · "), "ids");
  }

  function claimLink(marker) {
    const claim = app.byId.get(marker).cg;
    const button = element("button", "", "claim-link");
    button.type = "button";
    button.append(verdictMark(claim.verdict, app.verdicts[claim.verdict].glyph));
    button.append(document.createTextNode(" " + claim.label));
    button.addEventListener("click", () => app.selectClaim(marker, true));
    return button;
  }

  function nodeLink(iri, text) {
    const node = app.byIri.get(iri);
    const button = element("button", text, "node-link");
    button.type = "button";
    button.addEventListener("click", () => app.selectNode(node.id, true));
    return button;
  }

  function start(heading) {
    panel.replaceChildren(element("h2", heading));
  }

  function evidence(claim) {
    const section = element("section", undefined, "evidence");
    section.append(element("h3", "Evidence"));
    if (claim.evidence.length === 0) section.append(element("p", "No evidence lines."));
    for (const [direction, heading] of DIRECTIONS) {
      const lines = claim.evidence.filter((line) => app.directionKey(line.direction) === direction);
      if (lines.length === 0) continue;
      section.append(element("h4", heading + " (" + lines.length + ")"));
      const list = element("ul", undefined, "lines " + direction);
      for (const line of lines) {
        const study = app.byIri.get(line.study).cg;
        const item = element("li", undefined, line.decisive ? "decisive" : "");
        if (line.decisive) item.append(element("span", "decisive", "badge"));
        item.append(nodeLink(line.study, study.label));
        item.append(element("div", line.strength + " · " + study.design + " · " + study.published));
        item.append(element("div", line.finding, "finding"));
        item.append(identifiers(study));
        list.append(item);
      }
      section.append(list);
    }
    return section;
  }

  function credits(statement) {
    const list = element("ul", undefined, "credits");
    for (const credit of statement.credited) {
      const item = element("li", "Credited to " + credit.label);
      if (credit.likely_source) {
        item.append(element("div", "Likely source: " + credit.likely_source_label, "likely-source"));
      }
      list.append(item);
    }
    return list;
  }

  function statements(claim) {
    const section = element("section", undefined, "stated");
    section.append(element("h3", "Stated"));
    const said = element("ul", undefined, "statements");
    for (const statement of claim.statements) {
      const item = element("li");
      item.append(element("blockquote", statement.quote, "quote"));
      const article = app.byIri.get(statement.article).cg;
      const source = element("div");
      source.append(nodeLink(statement.article, article.label));
      source.append(document.createTextNode(", " + article.published + " · " + statement.modality));
      if (article.promotional) source.append(element("span", "promotional", "badge promotional"));
      item.append(source);
      if (statement.credited.length > 0) item.append(credits(statement));
      if (statement.extracted) {
        item.append(element("div",
          "machine-extracted, not reviewed (confidence " + statement.confidence + ")", "extracted"));
      }
      said.append(item);
    }
    section.append(said);
    return section;
  }

  function showClaim(marker) {
    const claim = app.claim(marker);
    start("Claim");
    panel.append(element("p", claim.label, "claim-label"));
    const verdict = element("p", undefined, "verdict-now");
    verdict.append(verdictMark(claim.verdict, claim.verdict_label));
    if (claim.rule) verdict.append(document.createTextNode(" (" + claim.rule + ")"));
    panel.append(verdict);
    if (claim.as_of.length > 0) {
      const then = element("ul", undefined, "as-of");
      for (const dated of claim.as_of) {
        const item = element("li", "As of " + dated.as_of + " (" +
          app.byIri.get(dated.article).cg.label + "): ");
        item.append(verdictMark(dated.verdict, dated.verdict_label));
        if (dated.verdict !== claim.verdict) item.append(element("span", " changed since", "changed"));
        then.append(item);
      }
      panel.append(then);
    }
    if (claim.scope) panel.append(element("p", "Scope: " + claim.scope));
    panel.append(evidence(claim));
    panel.append(statements(claim));
  }

  function showNode(id) {
    const info = app.byId.get(id).cg;
    start(info.label);
    if (info.kind === "article") {
      panel.append(element("p", "Article published " + info.published));
      if (info.promotional) panel.append(element("p", "promotional", "badge promotional"));
      if (info.publisher) panel.append(element("p", "Publisher: " + info.publisher));
      if (info.url) panel.append(app.link(info.url, info.url));
    } else if (info.kind === "study") {
      panel.append(app.link(info.link, info.title));
      panel.append(element("p", info.design + ", " + info.published));
      panel.append(identifiers(info));
    } else {
      panel.append(element("p", info.entity_class));
      if (info.definition) panel.append(element("p", info.definition));
    }
    const about = app.claimsOf(id);
    panel.append(element("h3", "Claims (" + about.length + ")"));
    const list = element("ul", undefined, "claim-links");
    for (const marker of about) {
      const item = element("li");
      item.append(claimLink(marker));
      list.append(item);
    }
    panel.append(list);
  }

  return { showClaim: showClaim, showNode: showNode, verdictMark: verdictMark };
};
