"use strict";
// The page's behaviour: draw the network (frozen once it settles, or at positions computed
// in Python), filter it, select a claim in the picture or the table, keep the selection in
// the URL fragment, and export. Text from the data is only ever written with textContent.
(function () {
  const data = JSON.parse(document.getElementById("claimgraph-data").textContent);
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const byIri = new Map(data.nodes.map((node) => [node.cg.iri, node]));
  const markers = data.nodes.filter((node) => node.cg.kind === "claim").map((node) => node.id);
  // Edges arrive as [from, to, type]: a claim's tail (subject to marker) and head (marker
  // to object), or an article, study or authority pointing at the claim's marker.
  const EVIDENCE = new Set(["supports", "disputes", "qualifies"]);
  data.edges = data.edges.map(([from, to, type, direct], id) => {
    const kind = data.edge_types[type];
    if (kind === "tail" || kind === "head" || kind === "direct") {
      const marker = kind === "direct" ? direct : kind === "tail" ? to : from;
      const claim = byId.get(marker).cg;
      const style = data.verdicts[claim.verdict];
      // thin and see-through on a large picture, so that crossings do not merge into a blot
      const edge = { id: id, from: from, to: to, width: data.large ? 1 : 2.5, dashes: claim.negated,
        color: { color: style.colour, opacity: (claim.extracted ? 0.55 : 1) * (data.large ? 0.5 : 1) },
        cg: { kind: kind === "direct" ? "direct" : "claim", claim: marker } };
      if (kind !== "tail") edge.arrows = { to: { enabled: true, type: style.arrow } };
      if (kind !== "direct" && data.large) edge.hidden = true; // markers come with the layers
      return edge;
    }
    const edge = { id: id, from: from, to: to, width: 1, arrows: "to",
      color: { color: data.context_colours[kind], opacity: 0.6 },
      cg: { kind: EVIDENCE.has(kind) ? "evidence" : kind, claim: to } };
    if (EVIDENCE.has(kind)) edge.cg.direction = kind;
    if (data.large) edge.hidden = true;
    return edge;
  });
  const edgesOfClaim = new Map(markers.map((id) => [id, []]));
  const directOf = new Map();
  const contextOf = new Map(); // node id -> claim markers its context edges point at
  for (const edge of data.edges) {
    if (edge.cg.kind === "direct") {
      directOf.set(edge.cg.claim, edge);
      continue;
    }
    edgesOfClaim.get(edge.cg.claim).push(edge);
    if (edge.cg.kind !== "claim") {
      if (!contextOf.has(edge.from)) contextOf.set(edge.from, new Set());
      contextOf.get(edge.from).add(edge.cg.claim);
    }
  }
  // A claim's quotes, evidence lines and dated verdicts: read from the page when first needed.
  let details = null;
  function claim(marker) {
    if (details === null) details = JSON.parse(document.getElementById("claimgraph-details").textContent);
    return Object.assign({}, byId.get(marker).cg, details[marker - markers[0]]);
  }

  const container = document.getElementById("network");
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
        const info = byId.get(m).cg;
        return info.subject === id || info.object === id;
      }).concat(Array.from(contextOf.get(id) || []));
    }
    return Array.from(contextOf.get(id) || []);
  }

  const app = {
    data: data, byId: byId, byIri: byIri, verdicts: data.verdicts, element: element, link: link,
    claimsOf: claimsOf, claim: claim, directionKey: (label) => String(label).toLowerCase(),
    directOf: (marker) => directOf.get(marker),
  };
  const renderer = window.claimgraphParts.renderer(app, container);
  Object.assign(app, { renderer: renderer, network: renderer.network, nodes: renderer.nodes,
    edges: renderer.edges });
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
      const info = claim(marker);
      const words = [info.label, byId.get(info.subject).cg.label, byId.get(info.object).cg.label];
      for (const line of info.evidence) words.push(byIri.get(line.study).cg.label);
      for (const statement of info.statements) words.push(statement.quote);
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
    return new Set(found.map((n) => n.id));
  }

  function shownClaims() {
    const verdicts = checked("verdict");
    const substance = labelled("entity", substanceInput.value);
    const article = labelled("article", articleInput.value);
    const query = search.value.trim().toLowerCase();
    return markers.filter((marker) => {
      const info = byId.get(marker).cg;
      if (!verdicts.has(info.verdict)) return false;
      if (substance && !substance.has(info.subject) && !substance.has(info.object)) return false;
      if (article && !info.articles.some((a) => article.has(a))) return false;
      if (preset.value === "disputed" && !["disputed", "contested"].includes(info.verdict)) return false;
      if (preset.value === "extracted" && !info.extracted) return false;
      return query === "" || haystack(marker).includes(query);
    });
  }

  const shownNode = new Map(data.nodes.map((n) => [n.id, !n.hidden]));
  const shownEdge = new Map(data.edges.map((e) => [e.id, !e.hidden]));
  // The [item, visible] pairs whose visibility changes (a filter touches only those).
  function changes(items, shown, visible) {
    const out = [];
    for (const item of items) {
      const want = visible(item);
      if (shown.get(item.id) === want) continue;
      shown.set(item.id, want);
      out.push([item, want]);
    }
    return out;
  }
  function isShown(id) {
    return shownNode.get(id) === true;
  }

  let current = markers;
  function applyFilters(refit) {
    current = shownClaims();
    const visibleClaims = new Set(current);
    const layers = checked("layer");
    const article = labelled("article", articleInput.value);
    const ends = new Set();
    // A large picture draws each claim as one arrow, with its marker only where an article,
    // study or authority arrow of a shown layer points at it (a third of the items to draw).
    const visibleEdge = (edge) => {
      let visible = visibleClaims.has(edge.cg.claim);
      if (edge.cg.kind === "claim") {
        visible = visible && !data.large;
      } else if (edge.cg.kind !== "direct") {
        visible = visible && layers.has(edge.cg.kind) &&
          !(edge.cg.kind === "stated" && article && !article.has(edge.from));
      }
      if (visible) {
        ends.add(edge.from);
        ends.add(edge.to);
      }
      return visible;
    };
    const edgeChanges = changes(data.edges, shownEdge, visibleEdge);
    if (!data.large) for (const marker of visibleClaims) ends.add(marker);
    renderer.show(changes(data.nodes, shownNode, (node) => ends.has(node.id)), edgeChanges);
    app.table.show(current);
    const total = markers.length;
    document.getElementById("summary").textContent = current.length === total
      ? total + " claims" : "showing " + current.length + " of " + total + " claims";
    const kept = selection !== null && (selection.claim ? visibleClaims.has(selection.id) : ends.has(selection.id));
    if (selection !== null && !kept) select(null);
    else if (selection !== null) renderer.select(selection.id); // a marker may have come or gone
    if (refit !== false) fit();
    saveState();
  }

  // ---- selection -----------------------------------------------------------------------
  let selection = null; // { id, claim: bool }

  // What stays lit when a node is selected: a claim with its ends and everything that
  // concerns it; another node with its claims, their ends, and its own arrows to them.
  function neighbourhood(id) {
    const isClaim = byId.get(id).cg.kind === "claim";
    const claimIds = isClaim ? [id] : claimsOf(id);
    const keepNodes = new Set([id]);
    const keepEdges = new Set();
    for (const marker of claimIds) {
      keepNodes.add(marker);
      for (const edge of edgesOfClaim.get(marker)) {
        if (isClaim || edge.cg.kind === "claim" || edge.from === id) {
          keepEdges.add(edge.id);
          keepNodes.add(edge.from);
          keepNodes.add(edge.to);
        }
      }
    }
    return { nodes: keepNodes, edges: keepEdges, claims: new Set(claimIds) };
  }

  function highlight(id) {
    renderer.highlight(id === null ? null : neighbourhood(id), selection !== null && selection.claim);
  }

  function select(id, options) {
    const opts = options || {};
    selection = id === null ? null : { id: id, claim: byId.get(id).cg.kind === "claim" };
    highlight(id);
    if (id === null) {
      renderer.select(null);
      app.table.mark(null);
      document.title = data.title;
      saveState();
      return;
    }
    renderer.select(id);
    if (opts.centre) renderer.focus(id);
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
    if (!current.includes(marker)) {
      // a claim the filters hide: clear the filters that hide it
      for (const input of document.querySelectorAll("input[name=verdict]")) input.checked = true;
      substanceInput.value = "";
      articleInput.value = "";
      search.value = "";
      preset.value = "all";
      applyFilters(false);
    }
  }
  app.selectClaim = (marker, centre) => {
    showClaimInPicture(marker);
    select(marker, { centre: centre });
  };
  app.selectNode = (id, centre) => {
    if (!isShown(id)) return;
    select(id, { centre: centre });
  };

  renderer.onClick((id) => select(id === null ? null : id));

  // ---- view, state and export ----------------------------------------------------------
  function fit() {
    renderer.fit(data.nodes.filter((node) => isShown(node.id)).map((node) => node.id));
  }
  function zoom(factor) {
    renderer.zoom(factor);
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
    const source = renderer.canvas();
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
  renderer.onReady(() => {
    started = true;
    applyFilters(true);
    const node = wantedSelection ? byIri.get(wantedSelection) : undefined;
    if (node !== undefined) select(node.id, { centre: true });
    else saveState();
    document.body.dataset.ready = "true";
  });

  window.claimgraph = Object.assign(app, {
    applyFilters: applyFilters, select: select, fit: fit, isShown: isShown,
    shownClaims: () => current.slice(),
    selected: () => (selection === null ? null : selection.id),
  });
})();
