"use strict";
// The picture drawn by vis-network (the standard page): physics settle the layout, then
// freeze. Items that start hidden are handed to vis only when first shown.
window.claimgraphParts = window.claimgraphParts || {};
window.claimgraphParts.renderer = function (app, container) {
  const data = app.data;
  const DIM = 0.12;
  // vis-network lightens a selected or hovered node; keep its colour, ring it in black
  for (const node of data.nodes) {
    const fill = node.color;
    node.color = { background: fill, border: fill, highlight: { background: fill, border: "#000000" },
      hover: { background: fill, border: "#000000" } };
  }
  for (const edge of data.edges) {
    const colour = edge.color.color;
    Object.assign(edge.color, { highlight: colour, hover: colour, inherit: false });
  }
  // Tooltips are made here rather than shipped; vis-network shows a string title as text.
  function nodeTitle(info) {
    if (info.kind === "claim") {
      const claim = app.claim(app.byIri.get(info.iri).id);
      const lines = [claim.label, "Verdict: " + claim.verdict_label];
      for (const statement of claim.statements.slice(0, 3)) {
        lines.push("\u201c" + statement.quote + "\u201d (" + app.byIri.get(statement.article).cg.label + ")");
      }
      if (claim.statements.length > 3) lines.push("and " + (claim.statements.length - 3) + " more");
      return lines.join("\n");
    }
    if (info.kind === "article") return "Article: " + info.label + "\nPublished " + info.published;
    if (info.kind === "study") return info.label + "\n" + info.title + "\n" + info.design;
    return info.label + " (" + info.entity_class + ")\n" + info.definition;
  }
  if (!data.large) for (const node of data.nodes) node.title = nodeTitle(node.cg); // no hover when large

  const nodes = new vis.DataSet(data.nodes.filter((node) => !node.hidden));
  const edges = new vis.DataSet(data.edges.filter((edge) => !edge.hidden));
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  let dimmed = false;
  const drawn = (id) => {
    const node = nodes.get(id);
    return node !== null && !node.hidden;
  };

  function change(dataSet, item, visible) {
    if (dataSet.get(item.id) === null) return visible ? Object.assign({}, item, { hidden: false }) : null;
    return { id: item.id, hidden: !visible };
  }

  return {
    network: network, nodes: nodes, edges: edges,
    // [item, visible] pairs whose visibility changed; nodes before edges, as vis draws an
    // edge only between nodes it has
    show(nodeChanges, edgeChanges) {
      if (data.large) {
        // at Python's positions nothing is lost by taking items out and putting them back,
        // and vis-network does that several times faster than toggling "hidden"
        const gone = (changes) => changes.filter(([, v]) => !v).map(([item]) => item.id)
          .filter((id) => dataSetOf(changes).get(id) !== null);
        const come = (changes) => changes.filter(([, v]) => v).map(([item]) => item);
        const dataSetOf = (changes) => (changes === nodeChanges ? nodes : edges);
        edges.remove(gone(edgeChanges));
        nodes.remove(gone(nodeChanges));
        nodes.add(come(nodeChanges).filter((n) => nodes.get(n.id) === null).map((n) => Object.assign({}, n, { hidden: false })));
        edges.add(come(edgeChanges).filter((e) => edges.get(e.id) === null).map((e) => Object.assign({}, e, { hidden: false })));
        return;
      }
      const nodeUpdates = nodeChanges.map(([n, v]) => change(nodes, n, v)).filter((c) => c !== null);
      const edgeUpdates = edgeChanges.map(([e, v]) => change(edges, e, v)).filter((c) => c !== null);
      if (nodeUpdates.length > 0) nodes.update(nodeUpdates);
      if (edgeUpdates.length > 0) edges.update(edgeUpdates);
    },
    highlight(near, widen) {
      // Dimming touches every item: on a large picture it costs seconds, so only the
      // selection (in its own colour, with its lines widened by vis) is marked there.
      if (data.large || (near === null && !dimmed)) return;
      const nodeUpdates = [];
      nodes.forEach((node) => {
        const original = app.byId.get(node.id).opacity;
        const full = original === undefined ? 1 : original;
        nodeUpdates.push({ id: node.id, opacity: near === null || near.nodes.has(node.id) ? full : DIM });
      });
      const edgeUpdates = [];
      edges.forEach((edge) => {
        const original = data.edges[edge.id];
        const inside = near === null || near.edges.has(edge.id);
        const own = near !== null && widen && original.cg.kind === "claim" && near.claims.has(original.cg.claim);
        edgeUpdates.push({
          id: edge.id,
          width: own ? original.width * 2 : original.width,
          color: Object.assign({}, original.color, { opacity: inside ? original.color.opacity : DIM }),
        });
      });
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      dimmed = near !== null;
    },
    // on a large picture a claim is one arrow, and its marker is drawn only with its layers
    select(id) {
      const direct = id === null ? undefined : app.directOf(id);
      if (id === null) network.unselectAll();
      else if (direct === undefined) network.selectNodes([id], false);
      else {
        network.setSelection({ nodes: drawn(id) ? [id] : [], edges: [direct.id] },
          { unselectAll: true, highlightEdges: false });
      }
    },
    focus(id) {
      const scale = Math.max(network.getScale(), 1.0);
      if (drawn(id)) {
        network.focus(id, { scale: scale, animation: false });
        return;
      }
      const claim = app.byId.get(id).cg;
      const at = network.getPositions([claim.subject, claim.object]);
      const ends = Object.values(at);
      if (ends.length === 0) return;
      const x = ends.reduce((sum, p) => sum + p.x, 0) / ends.length;
      const y = ends.reduce((sum, p) => sum + p.y, 0) / ends.length;
      network.moveTo({ position: { x: x, y: y }, scale: scale, animation: false });
    },
    fit(ids) {
      network.fit({ nodes: ids, animation: false });
    },
    zoom(factor) {
      network.moveTo({ scale: network.getScale() * factor, animation: false });
    },
    scale: () => network.getScale(),
    canvas: () => container.querySelector("canvas"),
    onClick(handler) {
      network.on("click", (params) => {
        if (params.nodes.length > 0) handler(params.nodes[0]);
        else if (params.edges.length > 0) handler(data.edges[params.edges[0]].cg.claim);
        else handler(null);
      });
    },
    onReady(handler) {
      if (data.nodes.length === 0) {
        handler();
      } else if (data.options.physics && data.options.physics.enabled === false) {
        network.once("afterDrawing", handler); // laid out in Python: nothing to settle
      } else {
        network.once("stabilizationIterationsDone", () => {
          network.setOptions({ physics: { enabled: false } });
          handler();
        });
      }
    },
  };
};
