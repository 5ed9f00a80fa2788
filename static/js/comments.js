// The comment form on a cached article page carries no CSRF token for a first-time reader (minting
// one would cost more than serving the page). Fetch it when the reader starts to write, and hold a
// submission until it has arrived. Without this script the server shows the form back with a token.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !form.dataset.tokenUrl) { return; }
  var field = form.querySelector('input[name="csrf_token"]');
  if (!field || field.value) { return; }
  var pending = null;

  function fetchToken() {
    if (!pending) {
      pending = fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) { field.value = data.csrf_token; })
        .catch(function () { pending = null; });
    }
    return pending;
  }

  form.addEventListener("focusin", fetchToken);
  form.addEventListener("submit", function (event) {
    // Only the reader's own submission: an event a script dispatches sends nothing by itself.
    if (field.value || !event.isTrusted) { return; }
    event.preventDefault();
    // Sent with or without the token: without it the server keeps the text and asks again.
    fetchToken().then(function () { form.submit(); });
  });
})();
