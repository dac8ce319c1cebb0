"use strict";
// The page's behaviour: draw the network (frozen once it settles, or at positions computed
// in Python), filter it, select a claim in the picture or the table, keep the selection in
// the URL fragment, and export. Text from the data is only ever written with textContent.
(function () {
  const data = JSON.parse(document.getElementById("claimgraph-data").textContent);
  const DIM = 0.12;
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const byIri = new Map(data.nodes.map((node) => [node.cg.iri, node]));
  const markers = data.nodes.filter((node) => node.cg.kind === "claim").map((node) => node.id);
  // vis-network lightens a selected or hovered node; keep its colour, ring it in black
  for (const node of data.nodes) {
    const fill = node.color;
    node.color = { background: fill, border: fill, highlight: { background: fill, border: "#000000" },
      hover: { background: fill, border: "#000000" } };
  }
  const edgesOfClaim = new Map(markers.map((id) => [id, []]));
  const contextOf = new Map(); // node id -> claim markers its context edges point at
  for (const edge of data.edges) {
    const colour = edge.color.color;
    Object.assign(edge.color, { highlight: colour, hover: colour, inherit: false });
    edgesOfClaim.get(edge.cg.claim).push(edge);
    if (edge.cg.kind !== "claim") {
      if (!contextOf.has(edge.from)) contextOf.set(edge.from, new Set());
      contextOf.get(edge.from).add(edge.cg.claim);
    }
  }

  // Tooltips are made here rather than shipped, to keep large pages small; vis-network
  // shows a string title as text, never as markup.
  function nodeTitle(info) {
    if (info.kind === "claim") {
      const lines = [info.label, "Verdict: " + info.verdict_label];
      for (const statement of info.statements.slice(0, 3)) {
        lines.push("\u201c" + statement.quote + "\u201d (" + byIri.get(statement.article).cg.label + ")");
      }
      if (info.statements.length > 3) lines.push("and " + (info.statements.length - 3) + " more");
      return lines.join("\n");
    }
    if (info.kind === "article") return "Article: " + info.label + "\nPublished " + info.published;
    if (info.kind === "study") return info.label + "\n" + info.title + "\n" + info.design;
    return info.label + " (" + info.entity_class + ")\n" + info.definition;
  }
  if (!data.large) for (const node of data.nodes) node.title = nodeTitle(node.cg);
  // Items that start hidden (the article and study layers of a large picture) are kept out
  // of vis until they are first shown.
  const nodes = new vis.DataSet(data.nodes.filter((node) => !node.hidden));
  const edges = new vis.DataSet(data.edges.filter((edge) => !edge.hidden));
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

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

  function claimsOf(id) {
    const node = byId.get(id);
    if (node.cg.kind === "entity") {
      return markers.filter((m) => {
        const claim = byId.get(m).cg;
        return claim.subject === node.cg.iri || claim.object === node.cg.iri;
      }).concat(Array.from(contextOf.get(id) || []));
    }
    return Array.from(contextOf.get(id) || []);
  }

  const app = {
    data: data, byId: byId, byIri: byIri, verdicts: data.verdicts, network: network,
    nodes: nodes, edges: edges, element: element, link: link, claimsOf: claimsOf,
    directionKey: (label) => String(label).toLowerCase(),
  };
  app.panel = window.claimgraphParts.panel(app);
  app.table = window.claimgraphParts.table(app);

  // ---- filters -------------------------------------------------------------------------
  const search = document.getElementById("claim-search");
  const preset = document.getElementById("claim-preset");
  const substanceInput = document.getElementById("substance-filter");
  const articleInput = document.getElementById("article-filter");
  const haystacks = new Map();
  function haystack(marker) {
    if (!haystacks.has(marker)) {
      const claim = byId.get(marker).cg;
      const words = [claim.label, byIri.get(claim.subject).cg.label, byIri.get(claim.object).cg.label];
      for (const line of claim.evidence) words.push(byIri.get(line.study).cg.label);
      for (const statement of claim.statements) words.push(statement.quote);
      haystacks.set(marker, words.join("\n").toLowerCase());
    }
    return haystacks.get(marker);
  }

  function checked(name) {
    const inputs = document.querySelectorAll("input[name='" + name + "']:checked");
    return new Set(Array.from(inputs, (input) => input.value));
  }

  function labelled(kind, text) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    const found = data.nodes.filter((n) => n.cg.kind === kind && n.cg.label.toLowerCase() === wanted);
    return new Set(found.map((n) => n.cg.iri));
  }

  function shownClaims() {
    const verdicts = checked("verdict");
    const substance = labelled("entity", substanceInput.value);
    const article = labelled("article", articleInput.value);
    const query = search.value.trim().toLowerCase();
    return markers.filter((marker) => {
      const claim = byId.get(marker).cg;
      if (!verdicts.has(claim.verdict)) return false;
      if (substance && !substance.has(claim.subject) && !substance.has(claim.object)) return false;
      if (article && !claim.articles.some((a) => article.has(a))) return false;
      if (preset.value === "disputed" && !["disputed", "contested"].includes(claim.verdict)) return false;
      if (preset.value === "extracted" && !claim.extracted) return false;
      return query === "" || haystack(marker).includes(query);
    });
  }

  const shownNode = new Map(data.nodes.map((n) => [n.id, !n.hidden]));
  const shownEdge = new Map(data.edges.map((e) => [e.id, !e.hidden]));
  // The change that shows or hides an item; the whole item when vis does not have it yet,
  // none when its visibility does not change (so a filter touches only what it changes).
  function changes(items, shown, dataSet, visible) {
    const out = [];
    for (const item of items) {
      const want = visible(item);
      if (shown.get(item.id) === want) continue;
      shown.set(item.id, want);
      if (dataSet.get(item.id) === null) {
        if (want) out.push(Object.assign({}, item, { hidden: false }));
      } else {
        out.push({ id: item.id, hidden: !want });
      }
    }
    return out;
  }

  let current = markers;
  function applyFilters(refit) {
    current = shownClaims();
    const visibleClaims = new Set(current);
    const layers = checked("layer");
    const article = labelled("article", articleInput.value);
    const ends = new Set();
    const visibleEdge = (edge) => {
      let visible = visibleClaims.has(edge.cg.claim);
      if (edge.cg.kind !== "claim") {
        visible = visible && layers.has(edge.cg.kind) &&
          !(edge.cg.kind === "stated" && article && !article.has(byId.get(edge.from).cg.iri));
      }
      if (visible) {
        ends.add(edge.from);
        ends.add(edge.to);
      }
      return visible;
    };
    const edgeChanges = changes(data.edges, shownEdge, edges, visibleEdge);
    for (const marker of visibleClaims) ends.add(marker);
    // nodes before edges: vis draws an edge only between nodes it has
    nodes.update(changes(data.nodes, shownNode, nodes, (node) => ends.has(node.id)));
    edges.update(edgeChanges);
    app.table.show(current);
    const total = markers.length;
    document.getElementById("summary").textContent = current.length === total
      ? total + " claims" : "showing " + current.length + " of " + total + " claims";
    if (selection !== null && !ends.has(selection.id)) select(null);
    if (refit !== false) fit();
    saveState();
  }

  // ---- selection -----------------------------------------------------------------------
  let selection = null; // { id, claim: bool }
  let dimmed = false;

  function neighbourhood(id) {
    const claimIds = byId.get(id).cg.kind === "claim" ? [id] : claimsOf(id);
    const keepNodes = new Set([id]);
    const keepEdges = new Set();
    for (const marker of claimIds) {
      keepNodes.add(marker);
      for (const edge of edgesOfClaim.get(marker)) {
        if (edge.cg.kind === "claim" || edge.from === id) {
          keepEdges.add(edge.id);
          keepNodes.add(edge.from);
          keepNodes.add(edge.to);
        }
      }
    }
    return { nodes: keepNodes, edges: keepEdges, claims: new Set(claimIds) };
  }

  function highlight(id) {
    const near = id === null ? null : neighbourhood(id);
    if (near === null && !dimmed) return;
    const nodeUpdates = [];
    nodes.forEach((node) => {
      const original = byId.get(node.id).opacity;
      const opacity = near === null || near.nodes.has(node.id) ? (original === undefined ? 1 : original) : DIM;
      nodeUpdates.push({ id: node.id, opacity: opacity });
    });
    const edgeUpdates = [];
    edges.forEach((edge) => {
      const original = data.edges[edge.id];
      const inside = near === null || near.edges.has(edge.id);
      const own = near !== null && original.cg.kind === "claim" && near.claims.has(original.cg.claim);
      edgeUpdates.push({
        id: edge.id,
        width: own && selection.claim ? original.width * 2 : original.width,
        color: Object.assign({}, original.color, { opacity: inside ? original.color.opacity : DIM }),
      });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    dimmed = near !== null;
  }

  function select(id, options) {
    const opts = options || {};
    selection = id === null ? null : { id: id, claim: byId.get(id).cg.kind === "claim" };
    highlight(id);
    if (id === null) {
      network.unselectAll();
      app.table.mark(null);
      document.title = data.title;
      saveState();
      return;
    }
    network.selectNodes([id], false);
    if (opts.centre) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    const info = byId.get(id).cg;
    if (selection.claim) {
      app.panel.showClaim(id);
      app.table.mark(id);
    } else {
      app.panel.showNode(id);
      app.table.mark(null);
    }
    document.getElementById("legend").open = false;
    document.getElementById("details").scrollIntoView({ block: "nearest" });
    document.title = info.label + " \u2014 " + data.title;
    saveState();
  }

  function showClaimInPicture(marker) {
    if (!nodes.get(marker) || nodes.get(marker).hidden) {
      // a claim the filters hide: clear the filters that hide it
      for (const input of document.querySelectorAll("input[name=verdict]")) input.checked = true;
      substanceInput.value = "";
      articleInput.value = "";
      applyFilters(false);
    }
  }
  app.selectClaim = (marker, centre) => {
    showClaimInPicture(marker);
    select(marker, { centre: centre });
  };
  app.selectNode = (id, centre) => {
    if (!nodes.get(id) || nodes.get(id).hidden) return;
    select(id, { centre: centre });
  };

  network.on("click", (params) => {
    if (params.nodes.length > 0) {
      select(params.nodes[0]);
    } else if (params.edges.length > 0) {
      select(data.edges[params.edges[0]].cg.claim);
    } else {
      select(null);
    }
  });

  // ---- view, state and export ----------------------------------------------------------
  function fit() {
    const ids = nodes.getIds({ filter: (node) => !node.hidden });
    network.fit({ nodes: ids, animation: false });
  }
  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: false });
  }

  function saveState() {
    if (!started) return;
    const state = new URLSearchParams();
    const verdicts = checked("verdict");
    const all = document.querySelectorAll("input[name=verdict]").length;
    if (verdicts.size !== all) state.set("verdicts", Array.from(verdicts).join(","));
    state.set("layers", Array.from(checked("layer")).join(","));
    if (substanceInput.value) state.set("substance", substanceInput.value);
    if (articleInput.value) state.set("article", articleInput.value);
    if (search.value) state.set("q", search.value);
    if (preset.value !== "all") state.set("preset", preset.value);
    if (selection !== null) state.set("select", byId.get(selection.id).cg.iri);
    try {
      history.replaceState(null, "", "#" + state.toString());
    } catch (error) {
      // a sandboxed frame (a notebook's iframe) may refuse: the view works without it
    }
  }

  function loadState() {
    const state = new URLSearchParams(location.hash.slice(1));
    if (state.has("verdicts")) {
      const wanted = new Set(state.get("verdicts").split(","));
      for (const input of document.querySelectorAll("input[name=verdict]")) {
        input.checked = wanted.has(input.value);
      }
    }
    if (state.has("layers")) {
      const wanted = new Set(state.get("layers").split(","));
      for (const input of document.querySelectorAll("input[name=layer]")) {
        input.checked = wanted.has(input.value);
      }
    }
    substanceInput.value = state.get("substance") || "";
    articleInput.value = state.get("article") || "";
    search.value = state.get("q") || "";
    if (state.has("preset")) preset.value = state.get("preset");
    return state.get("select");
  }

  function download(blob, name) {
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
  }

  function savePng() {
    const source = container.querySelector("canvas");
    const canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height;
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
    canvas.toBlob((blob) => download(blob, "claimgraph.png"), "image/png");
  }

  function saveCsv() {
    download(new Blob([app.table.csv()], { type: "text/csv;charset=utf-8" }), "claimgraph-claims.csv");
  }

  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("zoom-in").addEventListener("click", () => zoom(1.4));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(1 / 1.4));
  document.getElementById("save-png").addEventListener("click", savePng);
  document.getElementById("save-csv").addEventListener("click", saveCsv);
  for (const input of document.querySelectorAll("#filters input, #claim-preset")) {
    input.addEventListener("change", () => applyFilters(true));
  }
  let typing = null;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => applyFilters(true), 150);
  });

  let started = false;
  const wantedSelection = loadState();
  function markReady() {
    if (started) return;
    network.setOptions({ physics: { enabled: false } });
    started = true;
    applyFilters(true);
    const node = wantedSelection ? byIri.get(wantedSelection) : undefined;
    if (node !== undefined) select(node.id, { centre: true });
    else saveState();
    document.body.dataset.ready = "true";
  }
  if (data.options.physics && data.options.physics.enabled === false) {
    network.once("afterDrawing", markReady);
  } else {
    network.on("stabilizationIterationsDone", markReady);
  }
  if (data.nodes.length === 0) markReady();

  window.claimgraph = Object.assign(app, {
    applyFilters: applyFilters, select: select, fit: fit,
    selected: () => (selection === null ? null : selection.id),
  });
})();
