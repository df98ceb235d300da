/* nev-book: a short preview of a glossary term, a claim's verdict, a page or a citation when the pointer rests
   on a link to it (or the link has keyboard focus). The previews come from previews.js beside this file,
   written by nevbook.hover at build time; a citation's text is its link's title. No library, no request. */
(function () {
  "use strict";
  const script = document.currentScript;
  const previews = window.nevHoverPreviews || {};
  if (!script) return;
  const root = new URL("../../", script.src);  // this file is <site>/_static/nev-hover/nev-hover.js
  const SHOW_AFTER = 250;  // ms the pointer rests on a link before its preview shows
  let tip = null, current = null, timer = null;

  function key(link) {
    const url = new URL(link.href, document.baseURI);
    if (url.protocol !== root.protocol || url.host !== root.host || !url.pathname.startsWith(root.pathname)) {
      return null;
    }
    try {
      let path = decodeURIComponent(url.pathname.slice(root.pathname.length));
      if (path === "" || path.endsWith("/")) path += "index.html";
      return url.hash ? path + "#" + decodeURIComponent(url.hash.slice(1)) : path;
    } catch (error) {  // a malformed escape in a link: no preview
      return null;
    }
  }

  function previewOf(link) {
    if (link.classList.contains("headerlink") || !link.closest("article, main")) return null;
    if (link.dataset.nevHoverTitle !== undefined) {
      return {kind: "citation", title: "", text: link.dataset.nevHoverTitle};
    }
    const target = key(link);
    if (target === null) return null;
    if (previews[target]) return previews[target];
    if (target.split("#")[0] === "references.html" && link.title) {
      link.dataset.nevHoverTitle = link.title;  // shown in the box instead of the browser's own tooltip
      link.removeAttribute("title");
      return {kind: "citation", title: "", text: link.dataset.nevHoverTitle};
    }
    return null;
  }

  function part(tag, name, text) {
    const element = document.createElement(tag);
    element.className = name;
    element.textContent = text;
    return element;
  }

  function build(preview) {
    if (tip === null) {
      tip = document.createElement("div");
      tip.id = "nev-hover-tip";
      tip.className = "nev-hover";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    tip.replaceChildren();
    tip.dataset.kind = preview.kind;
    tip.style.borderLeftColor = preview.colour || "";
    if (preview.title) tip.appendChild(part("p", "nev-hover-title", preview.title));
    if (preview.text) tip.appendChild(part("p", "nev-hover-text", preview.text));
    if (preview.detail) tip.appendChild(part("p", "nev-hover-detail", preview.detail));
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const below = box.bottom + 6, above = box.top - 6 - tip.offsetHeight;
    const top = below + tip.offsetHeight > window.innerHeight && above > 0 ? above : below;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function show(link) {
    const preview = previewOf(link);
    if (!preview) return;
    build(preview);
    tip.style.left = "0px";
    tip.style.top = "0px";
    tip.hidden = false;
    place(link);
    current = link;
    link.setAttribute("aria-describedby", tip.id);
  }

  function hide() {
    clearTimeout(timer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (tip) tip.hidden = true;
  }

  function linkOf(event) {
    return event.target instanceof Element ? event.target.closest("a[href]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    const link = linkOf(event);
    if (!link || link === current) return;
    clearTimeout(timer);
    timer = setTimeout(function () { show(link); }, SHOW_AFTER);
  });
  document.addEventListener("mouseout", function (event) {
    const link = linkOf(event);
    if (link && !(event.relatedTarget instanceof Node && link.contains(event.relatedTarget))) hide();
  });
  document.addEventListener("focusin", function (event) {
    const link = linkOf(event);
    if (link) { hide(); show(link); }
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
