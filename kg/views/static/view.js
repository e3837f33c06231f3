// The kg graph view. Text from articles is untrusted: it is only ever set with textContent.
// pyvis's globals are kept (network, nodes, edges, allNodes, allEdges) so scripts can drive the view.
var edges;
var nodes;
var allNodes;
var allEdges;
var network;
var container;
var options, data;
var kgDetails, kgEdgeDetails;

function kgElement(tag, text, className) {
  var element = document.createElement(tag);
  if (text !== undefined && text !== null) {
    element.textContent = String(text);
  }
  if (className) {
    element.className = className;
  }
  return element;
}

function kgStatus(text) {
  document.getElementById("kg-status").textContent = text;
}

// The sentence, with the words the fact was read from marked.
function kgSentence(sentence, anchor) {
  var p = kgElement("p", null, "kg-sentence");
  var at = anchor ? sentence.indexOf(anchor) : -1;
  if (at < 0) {
    p.textContent = sentence || anchor || "";
    return p;
  }
  p.appendChild(document.createTextNode(sentence.slice(0, at)));
  p.appendChild(kgElement("mark", anchor));
  p.appendChild(document.createTextNode(sentence.slice(at + anchor.length)));
  return p;
}

function kgSources(panel, item) {
  var sources = item.sources || [];
  panel.appendChild(kgElement("h3", sources.length === 1 ? "Source" : "Sources"));
  if (sources.length === 0) {
    panel.appendChild(kgElement("p", "From reference data (the district gazetteer), not from an article.",
      "kg-hint"));
    return;
  }
  sources.forEach(function (source) {
    var box = kgElement("div", null, "kg-source");
    var heading = source.title || source.article;
    if (source.date) {
      heading += " (" + source.date + ")";
    }
    box.appendChild(kgElement("p", heading, "kg-article"));
    box.appendChild(kgSentence(source.sentence || "", source.anchor || ""));
    panel.appendChild(box);
  });
  if (item.moreSources) {
    panel.appendChild(kgElement("p", "and " + item.moreSources + " more not shown here.", "kg-hint"));
  }
}

function kgFacts(panel, pairs) {
  if (!pairs || pairs.length === 0) {
    return;
  }
  var list = kgElement("dl", null, "kg-facts");
  pairs.forEach(function (pair) {
    list.appendChild(kgElement("dt", pair[0]));
    list.appendChild(kgElement("dd", pair[1]));
  });
  panel.appendChild(list);
}

function kgLinkButton(nodeId) {
  var info = kgDetails[nodeId];
  var button = kgElement("button", info ? info.label : nodeId);
  button.type = "button";
  button.addEventListener("click", function () {
    kgFocus(nodeId);
  });
  return button;
}

function kgPanel() {
  var panel = document.getElementById("kg-panel");
  panel.replaceChildren();
  return panel;
}

function kgKindBadge(panel, nodeId, text) {
  var badge = kgElement("span", text, "kg-kind");
  var node = allNodes[nodeId];
  if (node && node.color && node.color.background) {
    badge.style.background = node.color.border || node.color.background;
  } else {
    badge.style.background = "#666";
  }
  panel.appendChild(badge);
}

function kgShowNode(nodeId) {
  var info = kgDetails[nodeId];
  if (!info) {
    return;
  }
  var panel = kgPanel();
  kgKindBadge(panel, nodeId, info.kindLabel);
  panel.appendChild(kgElement("h2", info.label));
  kgFacts(panel, info.details);
  var connected = network.getConnectedEdges(nodeId).slice().sort();
  if (connected.length) {
    panel.appendChild(kgElement("h3", "Links"));
    var list = kgElement("ul", null, "kg-links");
    connected.forEach(function (edgeId) {
      var edge = kgEdgeDetails[edgeId];
      if (!edge) {
        return;
      }
      var item = kgElement("li");
      if (edge.from === nodeId) {
        item.appendChild(document.createTextNode(edge.relation + " \u2192 "));
        item.appendChild(kgLinkButton(edge.to));
      } else {
        item.appendChild(kgLinkButton(edge.from));
        item.appendChild(document.createTextNode(" " + edge.relation + " \u2192 this"));
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
  }
  kgSources(panel, info);
  var iri = kgElement("p", info.iri, "kg-hint");
  iri.style.fontSize = "11px";
  iri.style.overflowWrap = "anywhere";
  panel.appendChild(iri);
}

function kgShowEdge(edgeId) {
  var edge = kgEdgeDetails[edgeId];
  if (!edge) {
    return;
  }
  var panel = kgPanel();
  panel.appendChild(kgElement("span", "link", "kg-kind")).style.background = "#777";
  var title = kgElement("h2");
  title.appendChild(kgLinkButton(edge.from));
  title.appendChild(document.createTextNode(" " + edge.relation + " "));
  title.appendChild(kgLinkButton(edge.to));
  panel.appendChild(title);
  kgFacts(panel, edge.details);
  kgSources(panel, edge);
}

function kgFocus(nodeId) {
  network.selectNodes([nodeId]);
  // Animating a big graph is slow and leaves the view off target until it ends: jump instead.
  var animation = nodes.length <= 300 ? { duration: 400, easingFunction: "easeInOutQuad" } : false;
  network.focus(nodeId, { scale: 1.3, animation: animation });
  kgShowNode(nodeId);
}

// The node whose label matches best: exact, then starting with the text, then containing it; among
// equal matches (a city and a district of one name), the one with the most links and sources.
function kgWeight(nodeId) {
  return network.getConnectedEdges(nodeId).length * 1000 + (kgDetails[nodeId].sources || []).length;
}

function kgFind(text) {
  var wanted = text.trim().toLowerCase();
  if (!wanted) {
    return null;
  }
  var ids = Object.keys(kgDetails).sort();
  var tests = [
    function (label) { return label === wanted; },
    function (label) { return label.indexOf(wanted) === 0; },
    function (label) { return label.indexOf(wanted) >= 0; },
  ];
  for (var t = 0; t < tests.length; t++) {
    var best = null;
    for (var i = 0; i < ids.length; i++) {
      if (tests[t](String(kgDetails[ids[i]].label).toLowerCase())) {
        if (best === null || kgWeight(ids[i]) > kgWeight(best)) {
          best = ids[i];
        }
      }
    }
    if (best !== null) {
      return best;
    }
  }
  return null;
}

function kgSearch(event) {
  if (event) {
    event.preventDefault();
  }
  var text = document.getElementById("kg-search").value;
  var found = kgFind(text);
  if (found === null) {
    kgStatus(text.trim() ? "Nothing matches \u201c" + text.trim() + "\u201d." : "");
    return;
  }
  kgStatus("");
  kgFocus(found);
}

function kgSettled() {
  network.setOptions({ physics: { enabled: false } });
  document.body.dataset.settled = "true";
  kgStatus("");
}

// Draws the graph, as pyvis's drawGraph does, and returns the network.
function drawGraph() {
  container = document.getElementById("mynetwork");
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  nodes = new vis.DataSet(payload.nodes);
  edges = new vis.DataSet(payload.edges);
  allNodes = nodes.get({ returnType: "Object" });
  allEdges = edges.get({ returnType: "Object" });
  kgDetails = payload.details;
  kgEdgeDetails = payload.edgeDetails;
  data = { nodes: nodes, edges: edges };
  options = payload.options;
  network = new vis.Network(container, data, options);
  network.on("stabilizationProgress", function (params) {
    kgStatus("Laying out the graph\u2026 " + Math.round((100 * params.iterations) / params.total) + "%");
  });
  network.once("stabilizationIterationsDone", kgSettled);
  network.on("click", function (params) {
    if (params.nodes.length) {
      kgShowNode(params.nodes[0]);
    } else if (params.edges.length) {
      kgShowEdge(params.edges[0]);
    }
  });
  if (payload.nodes.length === 0) {
    kgSettled();
  }
  return network;
}

document.getElementById("kg-search-form").addEventListener("submit", kgSearch);
document.getElementById("kg-search").addEventListener("change", function () {
  if (kgFind(this.value) !== null) {
    kgSearch(null);
  }
});
drawGraph();
