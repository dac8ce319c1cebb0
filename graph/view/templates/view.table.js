"use strict";
// The claims table beside the picture: one row per shown claim, sortable, and the keyboard
// and screen-reader path to every claim (each row's claim is a button).
window.claimgraphParts = window.claimgraphParts || {};
window.claimgraphParts.table = function (app) {
  const ROW_LIMIT = 300;
  const body = document.querySelector("#claims-table tbody");
  const note = document.getElementById("claims-note");
  const VERDICT_ORDER = Object.keys(app.verdicts);
  let rows = [];
  let sortKey = "verdict";
  let ascending = true;
  let selected = null;

  // One record per claim, computed once: what the columns show and how they sort.
  const records = new Map();
  function record(marker) {
    if (!records.has(marker)) {
      const claim = app.byId.get(marker).cg;
      const [supporting, supportRank, disputing, disputeRank, studies, modality] = claim.row;
      records.set(marker, {
        marker: marker,
        claim: claim,
        verdict: VERDICT_ORDER.indexOf(claim.verdict),
        label: claim.label.toLowerCase(),
        supporting: { text: supporting, rank: supportRank },
        disputing: { text: disputing, rank: disputeRank },
        articles: claim.articles.length,
        studies: studies,
        modality: modality,
      });
    }
    return records.get(marker);
  }

  function compare(a, b) {
    const key = (r) => (r[sortKey] !== undefined && r[sortKey].rank !== undefined
      ? r[sortKey].rank : r[sortKey]);
    const x = key(a);
    const y = key(b);
    const order = x < y ? -1 : x > y ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    return ascending ? order : -order;
  }

  function cell(text, className) {
    return app.element("td", text, className);
  }

  function row(entry) {
    const claim = entry.claim;
    const tr = document.createElement("tr");
    tr.dataset.claim = String(entry.marker);
    tr.setAttribute("aria-selected", String(entry.marker === selected));
    const verdict = cell("");
    verdict.append(app.panel.verdictMark(claim.verdict, claim.verdict_label));
    const name = cell("");
    const button = app.element("button", claim.label, "claim-link");
    button.type = "button";
    name.append(button);
    tr.append(verdict, name, cell(entry.supporting.text), cell(entry.disputing.text),
      cell(String(entry.articles), "number"), cell(String(entry.studies), "number"),
      cell(entry.modality));
    tr.addEventListener("click", () => app.selectClaim(entry.marker, true));
    return tr;
  }

  function draw() {
    rows.sort(compare);
    const shown = rows.slice(0, ROW_LIMIT);
    body.replaceChildren(...shown.map(row));
    note.textContent = rows.length > ROW_LIMIT
      ? "The first " + ROW_LIMIT + " of " + rows.length + " claims; search to narrow them."
      : rows.length + " claims";
    for (const header of document.querySelectorAll("#claims-table th[data-sort]")) {
      const on = header.dataset.sort === sortKey;
      header.setAttribute("aria-sort", on ? (ascending ? "ascending" : "descending") : "none");
    }
  }

  function show(markers) {
    rows = markers.map(record);
    draw();
  }

  function mark(marker) {
    selected = marker;
    for (const tr of body.querySelectorAll("tr[aria-selected=true]")) {
      tr.setAttribute("aria-selected", "false");
    }
    if (marker === null) return;
    let tr = body.querySelector("tr[data-claim='" + marker + "']");
    if (tr === null && rows.some((r) => r.marker === marker)) {
      tr = row(record(marker)); // beyond the row limit: shown at the top
      body.prepend(tr);
    }
    if (tr !== null) {
      tr.setAttribute("aria-selected", "true");
      tr.scrollIntoView({ block: "nearest" });
    }
  }

  for (const header of document.querySelectorAll("#claims-table th[data-sort]")) {
    header.querySelector("button").addEventListener("click", () => {
      ascending = header.dataset.sort === sortKey ? !ascending : true;
      sortKey = header.dataset.sort;
      draw();
      mark(selected);
    });
  }

  function csvCell(value) {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // never a formula in a spreadsheet
    return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function csv() {
    const header = ["claim", "verdict", "supporting", "disputing", "articles", "studies",
      "modality", "iri"];
    const lines = [header.join(",")];
    for (const entry of rows) {
      lines.push([entry.claim.label, entry.claim.verdict_label, entry.supporting.text,
        entry.disputing.text, entry.articles, entry.studies, entry.modality, entry.claim.iri]
        .map(csvCell).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  return { show: show, mark: mark, csv: csv };
};
