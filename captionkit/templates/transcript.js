// Progressive enhancement of the transcript: the page is complete without this script.
// Adds: a seek button on each turn's time, the segment being heard (aria-current), auto-scroll
// that the user can switch off, search, and keyboard shortcuts that leave form fields alone.
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  if (!transcript) return;
  var player = document.getElementById("player");
  var tools = document.getElementById("tools");
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var autoscroll = document.getElementById("autoscroll");
  var shortcuts = document.getElementById("shortcuts");
  var turns = Array.prototype.slice.call(transcript.querySelectorAll(".turn"));
  var segments = Array.prototype.slice.call(transcript.querySelectorAll(".seg"));
  var starts = segments.map(function (s) { return parseFloat(s.getAttribute("data-start")); });
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var current = null;

  if (tools) tools.hidden = false;

  // Case- and accent-insensitive folding that keeps every character's position, so a match in
  // the folded text is a match at the same offsets in the original (needed for highlighting).
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      var lower = ch.toLowerCase();
      var bare = lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      if (bare === "\u2019" || bare === "\u2018") bare = "'";
      out += bare.length === 1 ? bare : (lower.length === 1 ? lower : ch);
    }
    return out;
  }

  // ---- seeking and the current segment (only when there is a player) -----------------------
  function seek(time) {
    player.currentTime = time;
    markCurrent(time);
    var playing = player.play();
    if (playing && playing.catch) playing.catch(function () { /* autoplay refused: stay put */ });
  }

  function segmentAt(time) {
    // The last segment that has started by `time` (binary search over sorted starts).
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= time + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : segments[found];
  }

  function inView(el) {
    var box = el.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top >= 0 && box.bottom <= height;
  }

  function markCurrent(time) {
    var seg = segmentAt(time);
    if (seg === current) return;
    if (current) {
      current.removeAttribute("aria-current");
      current.closest(".turn").classList.remove("current-turn");
    }
    current = seg;
    if (!seg) return;
    seg.setAttribute("aria-current", "true");
    seg.closest(".turn").classList.add("current-turn");
    if (autoscroll && autoscroll.checked && !inView(seg)) {
      seg.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }
  }

  if (player) {
    turns.forEach(function (turn) {
      var time = turn.querySelector("time");
      if (!time) return;
      var speaker = turn.querySelector(".speaker");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "seek";
      var before = document.createElement("span");
      before.className = "visually-hidden";
      before.textContent = "Play from ";
      time.parentNode.replaceChild(button, time);
      button.appendChild(before);
      button.appendChild(time);
      if (speaker) {
        var after = document.createElement("span");
        after.className = "visually-hidden";
        after.textContent = ", " + speaker.textContent;
        button.appendChild(after);
      }
      var start = parseFloat(turn.getAttribute("data-start"));
      button.addEventListener("click", function () { seek(start); });
    });
    ["timeupdate", "seeked", "seeking"].forEach(function (name) {
      player.addEventListener(name, function () { markCurrent(player.currentTime); });
    });
  }

  // ---- search: show only the turns that contain the text, and highlight it ----------------
  var haystacks = turns.map(function (turn) {
    var speaker = turn.querySelector(".speaker");
    var text = turn.querySelector(".text");
    return fold((speaker ? speaker.textContent + " " : "") + (text ? text.textContent : ""));
  });
  var canHighlight = window.CSS && CSS.highlights && typeof Highlight === "function";

  function highlight(query) {
    if (!canHighlight) return;
    CSS.highlights.delete("search");
    if (!query) return;
    var ranges = [];
    turns.forEach(function (turn) {
      if (turn.hidden) return;
      turn.querySelectorAll(".speaker, .text").forEach(function (part) {
        var walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var folded = fold(node.data);
          for (var at = folded.indexOf(query); at >= 0;
               at = folded.indexOf(query, at + query.length)) {
            var range = new Range();
            range.setStart(node, at);
            range.setEnd(node, at + query.length);
            ranges.push(range);
          }
        }
      });
    });
    CSS.highlights.set("search", new Highlight(...ranges));
  }

  function runSearch() {
    var raw = search.value.trim();
    var query = fold(raw);
    var shown = 0;
    turns.forEach(function (turn, i) {
      var match = !query || haystacks[i].indexOf(query) >= 0;
      turn.hidden = !match;
      if (match) shown++;
    });
    highlight(query);
    status.textContent = query
      ? shown + " of " + turns.length + " turns contain \u201c" + raw + "\u201d."
      : "";
  }

  if (search) search.addEventListener("input", runSearch);

  // ---- keyboard shortcuts (single keys; switchable off, WCAG 2.1.4) ------------------------
  function typing(target) {
    if (!target || !target.closest) return false;
    return target.isContentEditable || !!target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (shortcuts && !shortcuts.checked) return;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var handled = true;
    switch (event.key) {
      case "k":
        if (!player) { handled = false; break; }
        if (player.paused) seek(player.currentTime); else player.pause();
        break;
      case "j":
        if (!player) { handled = false; break; }
        player.currentTime = Math.max(0, player.currentTime - 5);
        break;
      case "l":
        if (!player) { handled = false; break; }
        player.currentTime = player.currentTime + 5;
        break;
      case "c":
        var button = current && current.closest(".turn").querySelector("button.seek");
        if (button) button.focus(); else handled = false;
        break;
      case "a":
        if (!autoscroll) { handled = false; break; }
        autoscroll.checked = !autoscroll.checked;
        status.textContent = "Auto-scroll " + (autoscroll.checked ? "on." : "off.");
        break;
      case "/":
        if (search) search.focus(); else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
