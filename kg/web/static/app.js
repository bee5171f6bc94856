// kg serve: suggestions as you type, and the SPARQL page. Text from the data is only ever set with
// textContent (never innerHTML), so a label can never become markup or script.
"use strict";
(function () {
  var ENTITY = "https://w3id.org/kg-armed-actors/id/";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function entityLink(e) {
    return el("a", e.label || e.id, { href: "/entity/" + encodeURIComponent(e.id), "class": "entity" });
  }

  // --- suggestions as you type ------------------------------------------------------------------
  var box = document.getElementById("q"), list = document.getElementById("suggestions"), timer = null, asked = 0;
  if (box && list) {
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") list.hidden = true;
      var first = list.querySelector("a");
      if (ev.key === "ArrowDown" && !list.hidden && first) { ev.preventDefault(); first.focus(); }
    });
    list.addEventListener("keydown", function (ev) {  // arrows move between suggestions; Enter follows one
      var links = Array.prototype.slice.call(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? links[i - 1] : box).focus(); }
      if (ev.key === "Escape") { list.hidden = true; box.focus(); }
    });
    document.addEventListener("click", function (ev) {
      if (!list.contains(ev.target) && ev.target !== box) list.hidden = true;
    });
  }

  function suggest() {
    var text = box.value.trim(), ticket = ++asked;
    if (!text) { list.hidden = true; return; }
    fetch("/search.json?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (ticket !== asked) return;  // a later keystroke has asked again
        list.replaceChildren();
        (data.results || []).slice(0, 8).forEach(function (r) {
          var item = el("li");
          item.appendChild(entityLink(r.entity));
          item.appendChild(el("span", " " + r.entity["class"], { "class": "muted" }));
          list.appendChild(item);
        });
        list.hidden = !list.children.length;
      })
      .catch(function () { list.hidden = true; });
  }

  // --- the SPARQL page --------------------------------------------------------------------------
  var output = document.getElementById("output"), status = document.getElementById("status");

  function cell(value) {
    var td = el("td");
    if (value && typeof value === "object" && value.type === "uri" && value.value.indexOf(ENTITY) === 0) {
      td.appendChild(entityLink({ id: value.value.slice(ENTITY.length) }));
    } else if (value && typeof value === "object" && "type" in value) {
      td.textContent = value.value;
    } else if (value && typeof value === "object") {
      td.appendChild(entityLink(value));
    } else {
      td.textContent = value === undefined || value === null ? "" : String(value);
    }
    return td;
  }

  function table(columns, rows) {
    var t = el("table", null, { "class": "results", id: "result-table" }), head = el("tr");
    columns.forEach(function (c) { head.appendChild(el("th", c)); });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (row) {
      var tr = el("tr");
      columns.forEach(function (c) { tr.appendChild(cell(row[c])); });
      body.appendChild(tr);
    });
    return t;
  }

  function show(nodes, message) {
    output.replaceChildren.apply(output, nodes);
    if (status) status.textContent = message;
  }

  function failed(response) {
    return response.text().then(function (text) {
      show([el("pre", text, { "class": "error", id: "query-error" })], "failed (" + response.status + ")");
    });
  }

  var editor = document.getElementById("editor");
  if (editor) {
    editor.addEventListener("submit", function (ev) {
      ev.preventDefault();
      show([], "running…");
      fetch("/sparql", {
        method: "POST",
        headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9",
                   "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: document.getElementById("query").value })
      }).then(function (r) {
        if (!r.ok) return failed(r);
        if ((r.headers.get("content-type") || "").indexOf("json") < 0) {
          return r.text().then(function (text) { show([el("pre", text, { id: "result-graph" })], "graph"); });
        }
        return r.json().then(function (data) {
          if ("boolean" in data) return show([el("p", String(data["boolean"]), { id: "result-boolean" })], "ask");
          var rows = data.results.bindings, links = el("p", "Download: ", { "class": "muted" });
          ["csv", "tsv", "json", "xml"].forEach(function (fmt) {
            var query = document.getElementById("query").value;
            links.appendChild(el("a", fmt.toUpperCase(), { href: "/sparql?format=" + fmt + "&query=" + encodeURIComponent(query),
                                                           "class": "download", download: "kg-query." + fmt }));
            links.appendChild(document.createTextNode(" "));
          });
          show([links, table(data.head.vars, rows)], rows.length + " row" + (rows.length === 1 ? "" : "s"));
        });
      }).catch(function (e) { show([el("pre", String(e), { "class": "error" })], "failed"); });
    });
  }

  document.querySelectorAll("form.named").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var params = new URLSearchParams(new FormData(form));
      show([], "running " + form.dataset.name + "…");
      fetch("/query/" + encodeURIComponent(form.dataset.name) + ".json?" + params.toString(),
            { headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) return r.json().then(function (d) {
            show([el("pre", d.error, { "class": "error", id: "query-error" })], "failed (" + r.status + ")");
          });
          return r.json().then(function (data) {
            var columns = [];
            data.rows.forEach(function (row) {
              Object.keys(row).forEach(function (k) { if (columns.indexOf(k) < 0) columns.push(k); });
            });
            show([el("h3", form.dataset.name), table(columns, data.rows)],
                 data.rows.length + " row" + (data.rows.length === 1 ? "" : "s"));
            output.scrollIntoView();
          });
        });
    });
    form.querySelector("button.edit").addEventListener("click", function () {
      document.getElementById("query").value = form.querySelector("textarea.source").value;
      document.getElementById("editor").scrollIntoView();
    });
  });
})();
