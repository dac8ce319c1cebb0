"use strict";
// The page's behaviour: draw the network, freeze it once it settles, filter it, and show
// a claim's details. Text from the data is only ever written with textContent.
(function () {
  const data = JSON.parse(document.getElementById("claimgraph-data").textContent);
  const byIri = new Map(data.nodes.map((node) => [node.cg.iri, node]));
  const claims = new Map();
  for (const edge of data.edges) {
    if (edge.cg.kind === "claim") claims.set(edge.cg.claim, edge);
  }

  // Tooltips are made here rather than shipped, to keep large pages small; vis-network
  // shows a string title as text, never as markup.
  function nodeTitle(info) {
    if (info.kind === "article") return "Article: " + info.label + "\nPublished " + info.published;
    if (info.kind === "study") return info.label + "\n" + info.title + "\n" + info.design;
    return info.label + " (" + info.entity_class + ")\n" + info.definition;
  }

  function claimTitle(claim) {
    const lines = [claim.label, "Verdict: " + claim.verdict_label];
    for (const statement of claim.statements.slice(0, 5)) {
      lines.push("\u201c" + statement.quote + "\u201d (" + byIri.get(statement.article).cg.label + ")");
    }
    if (claim.statements.length > 5) lines.push("and " + (claim.statements.length - 5) + " more");
    return lines.join("\n");
  }

  for (const node of data.nodes) node.title = nodeTitle(node.cg);
  for (const edge of claims.values()) edge.title = claimTitle(edge.cg);
  // Items that start hidden (the article and study layers of a large picture) are kept out
  // of vis until they are first shown: building tens of thousands of hidden edges is most
  // of a large page's start-up time.
  const nodes = new vis.DataSet(data.nodes.filter((node) => !node.hidden));
  const edges = new vis.DataSet(data.edges.filter((edge) => !edge.hidden));
  const network = new vis.Network(
    document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    if (!/^https?:\/\//.test(href)) return element("span", text);
    const anchor = element("a", text);
    anchor.href = href;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  function markReady() {
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.ready = "true";
  }

  function checked(name) {
    const inputs = document.querySelectorAll("input[name='" + name + "']:checked");
    return new Set(Array.from(inputs, (input) => input.value));
  }

  // The change that shows or hides an item (a node also joins or leaves the physics); the
  // whole item when vis does not have it yet, none when it stays out.
  function visibility(dataSet, item, visible) {
    const isNode = item.from === undefined;
    const change = isNode ? { hidden: !visible, physics: visible } : { hidden: !visible };
    if (dataSet.get(item.id) === null) return visible ? Object.assign({}, item, change) : null;
    return Object.assign({ id: item.id }, change);
  }

  function applyFilters() {
    const verdicts = checked("verdict");
    const layers = checked("layer");
    const substanceIri = document.getElementById("substance-filter").value;
    const articleIri = document.getElementById("article-filter").value;
    const substance = substanceIri ? byIri.get(substanceIri).id : null;
    const article = articleIri ? byIri.get(articleIri).id : null;
    const visibleClaims = new Set();
    for (const edge of claims.values()) {
      if (!verdicts.has(edge.cg.verdict)) continue;
      if (substance !== null && edge.from !== substance && edge.to !== substance) continue;
      if (articleIri && !edge.cg.articles.includes(articleIri)) continue;
      visibleClaims.add(edge.cg.claim);
    }
    const shown = new Set();
    const edgeChanges = data.edges.map((edge) => {
      let visible = visibleClaims.has(edge.cg.claim);
      if (edge.cg.kind !== "claim") {
        visible = visible && layers.has(edge.cg.kind)
          && !(edge.cg.kind === "stated" && article !== null && edge.from !== article);
      }
      if (visible) {
        shown.add(edge.from);
        shown.add(edge.to);
      }
      return visibility(edges, edge, visible);
    });
    const appearing = data.nodes.filter((node) => {
      const drawn = nodes.get(node.id);
      return shown.has(node.id) && (drawn === null || drawn.hidden);
    });
    // nodes before edges: vis draws an edge only between nodes it has
    nodes.update(data.nodes.map((node) => visibility(nodes, node, shown.has(node.id)))
      .filter((change) => change !== null));
    edges.update(edgeChanges.filter((change) => change !== null));
    if (appearing.some((node) => node.physics === false)) {
      // Nodes shown for the first time have no place yet: let physics place them, briefly.
      for (const node of appearing) node.physics = true;
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(60);
    }
    document.getElementById("summary").textContent =
      "showing " + visibleClaims.size + " of " + claims.size + " claims";
  }

  function showClaim(edge) {
    const claim = edge.cg;
    const panel = document.getElementById("details");
    panel.replaceChildren(element("h2", "Claim"));
    panel.append(element("p", claim.label, "claim-label"));
    const verdict = element("p");
    verdict.append(element("span", claim.verdict_label, "verdict"));
    if (claim.rule) verdict.append(document.createTextNode(" (" + claim.rule + ")"));
    panel.append(verdict);
    if (claim.scope) panel.append(element("p", "Scope: " + claim.scope));

    panel.append(element("h3", "Stated"));
    const said = element("ul", undefined, "statements");
    for (const statement of claim.statements) {
      const item = element("li");
      item.append(element("blockquote", statement.quote, "quote"));
      const article = byIri.get(statement.article).cg;
      item.append(element("div",
        article.label + ", " + article.published + " · " + statement.modality));
      if (statement.credited.length > 0) {
        item.append(element("div", "Credited to " + statement.credited.join(", ")));
      }
      if (statement.extracted) {
        item.append(element("div",
          "machine-extracted, not reviewed (confidence " + statement.confidence + ")",
          "extracted"));
      }
      said.append(item);
    }
    panel.append(said);

    panel.append(element("h3", "Evidence"));
    if (claim.evidence.length === 0) panel.append(element("p", "No evidence lines."));
    const lines = element("ul", undefined, "evidence");
    for (const line of claim.evidence) {
      const study = byIri.get(line.study).cg;
      const item = element("li");
      item.append(link(study.link, study.label));
      item.append(element("div", line.direction + " · " + line.strength + " · " + study.design));
      item.append(element("div", line.finding));
      lines.append(item);
    }
    panel.append(lines);
  }

  function showNode(node) {
    const info = node.cg;
    const panel = document.getElementById("details");
    panel.replaceChildren(element("h2", info.label));
    if (info.kind === "article") {
      panel.append(element("p", "Article published " + info.published));
      if (info.publisher) panel.append(element("p", "Publisher: " + info.publisher));
      if (info.url) panel.append(link(info.url, info.url));
    } else if (info.kind === "study") {
      panel.append(link(info.link, info.title));
      panel.append(element("p", info.design + ", " + info.published));
    } else {
      panel.append(element("p", info.entity_class));
      if (info.definition) panel.append(element("p", info.definition));
    }
    const about = network.getConnectedEdges(node.id)
      .map((id) => edges.get(id))
      .filter((edge) => edge.cg.kind === "claim" && !edge.hidden);
    if (about.length > 0) {
      panel.append(element("h3", "Claims"));
      const list = element("ul");
      for (const edge of about) list.append(element("li", edge.cg.label + " (" + edge.cg.verdict_label + ")"));
      panel.append(list);
    }
  }

  network.on("click", (params) => {
    if (params.nodes.length > 0) {
      showNode(nodes.get(params.nodes[0]));
    } else if (params.edges.length > 0) {
      const edge = edges.get(params.edges[0]);
      showClaim(claims.get(edge.cg.claim));
    }
  });
  network.on("stabilizationIterationsDone", markReady);
  if (data.nodes.length === 0) markReady();
  for (const input of document.querySelectorAll("#filters input, #filters select")) {
    input.addEventListener("change", applyFilters);
  }

  window.claimgraph = { network: network, nodes: nodes, edges: edges, applyFilters: applyFilters };
})();
