// Staff pages: a live Markdown preview and confirmations. Served as a file: the CSP allows no inline script.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  function livePreview(textarea) {
    var target = document.getElementById(textarea.dataset.previewTarget);
    var url = textarea.dataset.previewUrl;
    var timer = null;
    if (!target || !url) { return; }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams({ body_markdown: textarea.value });
        fetch(url, {
          method: "POST",
          headers: { "X-CSRFToken": csrf ? csrf.content : "" },
          body: body,
          credentials: "same-origin"
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (data) {
          // The server returns HTML that has been through the sanitizer, as the article page shows it.
          if (data) { target.innerHTML = data.html; }
        });
      }, 300);
    });
  }

  document.querySelectorAll("textarea[data-preview-target]").forEach(livePreview);
  document.querySelectorAll("input.select-all").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      form.querySelectorAll("input.select-item").forEach(function (item) { item.checked = box.checked; });
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
