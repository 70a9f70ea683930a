/* Lightbox for the portal's photos. Our own small script, no dependencies.

   Progressive enhancement: every thumbnail is a plain link to the large JPEG
   (`<a href="….jpg" data-lightbox="group">`), which works with JavaScript off.
   With it on, a click opens a modal dialog showing the photos of the same group
   with caption and "Ảnh n / N" counter:
   - keyboard: ← / → previous / next, Esc closes, Tab stays inside the dialog;
   - focus returns to the thumbnail of the photo last shown;
   - swipe left / right on touch screens.
   Data read from the link: href, data-srcset, data-caption, data-credit and
   the thumbnail's alt text. */
(function () {
  "use strict";

  var TEXT = {
    dialog: "Xem ảnh",
    close: "Đóng",
    prev: "Ảnh trước",
    next: "Ảnh sau",
    credit: "Ảnh: ",
    counter: function (n, total) {
      return "Ảnh " + n + " / " + total;
    }
  };
  var SWIPE_MIN = 50; // px

  var box = null;
  var parts = {};
  var links = [];
  var index = 0;
  var opener = null;
  var inerted = [];
  var touch = null;

  function element(tag, className, attrs) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    Object.keys(attrs || {}).forEach(function (name) {
      el.setAttribute(name, attrs[name]);
    });
    return el;
  }

  function button(className, label, symbol) {
    var b = element("button", "lightbox__button " + className, { type: "button" });
    var icon = element("span", "lightbox__icon", { "aria-hidden": "true" });
    var text = element("span", "lightbox__label");
    icon.textContent = symbol;
    text.textContent = label;
    b.appendChild(icon);
    b.appendChild(text);
    return b;
  }

  function build() {
    box = element("div", "lightbox", {
      role: "dialog",
      "aria-modal": "true",
      "aria-label": TEXT.dialog,
      "aria-describedby": "lightbox-caption"
    });
    box.hidden = true;
    var figure = element("figure", "lightbox__figure");
    parts.image = element("img", "lightbox__image", { alt: "", decoding: "async" });
    var caption = element("figcaption", "lightbox__caption", { id: "lightbox-caption" });
    parts.counter = element("p", "lightbox__counter", { "aria-live": "polite" });
    parts.text = element("span", "lightbox__text");
    parts.credit = element("span", "lightbox__credit");
    caption.appendChild(parts.text);
    caption.appendChild(parts.credit);
    figure.appendChild(parts.image);
    figure.appendChild(caption);

    parts.close = button("lightbox__close", TEXT.close, "×");
    parts.prev = button("lightbox__prev", TEXT.prev, "‹");
    parts.next = button("lightbox__next", TEXT.next, "›");
    var bar = element("div", "lightbox__bar");
    bar.appendChild(parts.counter);
    bar.appendChild(parts.close);

    box.appendChild(bar);
    box.appendChild(parts.prev);
    box.appendChild(figure);
    box.appendChild(parts.next);
    document.body.appendChild(box);

    parts.close.addEventListener("click", close);
    parts.prev.addEventListener("click", function () {
      show(index - 1);
    });
    parts.next.addEventListener("click", function () {
      show(index + 1);
    });
    box.addEventListener("click", function (event) {
      if (event.target === box) {
        close(); // a click on the dark background
      }
    });
    box.addEventListener("touchstart", onTouchStart, { passive: true });
    box.addEventListener("touchend", onTouchEnd);
    parts.image.addEventListener("load", function () {
      box.classList.remove("is-loading");
    });
  }

  function show(i) {
    var total = links.length;
    index = (i + total) % total;
    var link = links[index];
    var thumb = link.querySelector("img");
    var image = parts.image;
    box.classList.add("is-loading");
    image.removeAttribute("srcset");
    if (link.getAttribute("data-srcset")) {
      image.setAttribute("srcset", link.getAttribute("data-srcset"));
      image.setAttribute("sizes", "100vw");
    }
    image.src = link.href;
    image.alt = thumb ? thumb.alt : "";
    parts.text.textContent = link.getAttribute("data-caption") || "";
    var credit = link.getAttribute("data-credit");
    parts.credit.textContent = credit ? TEXT.credit + credit : "";
    parts.counter.textContent = TEXT.counter(index + 1, total);
    var several = total > 1;
    parts.prev.hidden = !several;
    parts.next.hidden = !several;
    if (several) {
      preload(links[(index + 1) % total]);
      preload(links[(index - 1 + total) % total]);
    }
  }

  function preload(link) {
    var img = new Image();
    if (link.getAttribute("data-srcset")) {
      img.sizes = "100vw";
      img.srcset = link.getAttribute("data-srcset");
    }
    img.src = link.href;
  }

  function open(group, start) {
    if (!box) {
      build();
    }
    links = group;
    show(start);
    box.hidden = false;
    document.documentElement.classList.add("lightbox-open");
    // Everything behind the dialog is out of reach for keyboard and screen readers.
    inerted = Array.prototype.filter.call(document.body.children, function (el) {
      return el !== box && !el.inert;
    });
    inerted.forEach(function (el) {
      el.inert = true;
    });
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", keepFocus, true);
    parts.close.focus();
  }

  function close() {
    if (!box || box.hidden) {
      return;
    }
    box.hidden = true;
    document.documentElement.classList.remove("lightbox-open");
    inerted.forEach(function (el) {
      el.inert = false;
    });
    inerted = [];
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("focusin", keepFocus, true);
    // Back to the thumbnail of the photo shown last (the one clicked, if it is that one).
    var thumbnail = links[index];
    if (opener && thumbnail && opener.href === thumbnail.href) {
      thumbnail = opener;
    }
    if (thumbnail) {
      thumbnail.focus();
    }
  }

  function focusable() {
    return [parts.close, parts.prev, parts.next].filter(function (el) {
      return !el.hidden;
    });
  }

  function keepFocus(event) {
    if (!box.contains(event.target)) {
      parts.close.focus();
    }
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    switch (event.key) {
      case "Escape":
      case "Esc":
        event.preventDefault();
        close();
        break;
      case "ArrowLeft":
      case "Left":
        event.preventDefault();
        show(index - 1);
        break;
      case "ArrowRight":
      case "Right":
        event.preventDefault();
        show(index + 1);
        break;
      case "Tab":
        trapTab(event);
        break;
      default:
        break;
    }
  }

  function trapTab(event) {
    var items = focusable();
    var first = items[0];
    var last = items[items.length - 1];
    var current = document.activeElement;
    if (event.shiftKey && (current === first || !box.contains(current))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (current === last || !box.contains(current))) {
      event.preventDefault();
      first.focus();
    }
  }

  function onTouchStart(event) {
    var t = event.changedTouches[0];
    touch = { x: t.clientX, y: t.clientY };
  }

  function onTouchEnd(event) {
    if (!touch || links.length < 2) {
      return;
    }
    var t = event.changedTouches[0];
    var dx = t.clientX - touch.x;
    var dy = t.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > Math.abs(dy)) {
      show(dx < 0 ? index + 1 : index - 1);
    }
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey ||
        event.metaKey || event.shiftKey) {
      return; // let readers open the image in a new tab or window
    }
    var link = event.target.closest ? event.target.closest("a[data-lightbox]") : null;
    if (!link) {
      return;
    }
    var name = link.getAttribute("data-lightbox");
    var seen = {};
    // One entry a photo, even when a page shows the same photo twice.
    var group = Array.prototype.filter.call(
      document.querySelectorAll("a[data-lightbox]"),
      function (a) {
        if (a.getAttribute("data-lightbox") !== name || seen[a.href]) {
          return false;
        }
        seen[a.href] = true;
        return true;
      }
    );
    var start = 0;
    group.forEach(function (a, i) {
      if (a.href === link.href) {
        start = i;
      }
    });
    event.preventDefault();
    opener = link;
    open(group, start);
  });
})();
