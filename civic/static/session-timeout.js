/* Optional: two minutes before a staff session's idle timeout, say so and let the person extend it without
   leaving the page (WCAG 2.2.1). Without JavaScript the notice and its button work as a plain form. */
(function () {
  var notice = document.getElementById("session-notice");
  if (!notice || !window.fetch) { return; }
  var warning = document.getElementById("session-warning-text");
  var form = notice.querySelector("form");
  var deadline = Date.parse(notice.getAttribute("data-idle-deadline"));
  var lead = parseInt(notice.getAttribute("data-warning-seconds"), 10) * 1000;
  var timer;
  function schedule() {
    clearTimeout(timer);
    var wait = deadline - lead - Date.now();
    timer = setTimeout(function () { warning.hidden = false; notice.classList.add("is-warning"); }, Math.max(wait, 0));
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
      .then(function (data) {
        if (data.idle_deadline) { deadline = Date.parse(data.idle_deadline); }
        warning.hidden = true; notice.classList.remove("is-warning"); schedule();
      })
      .catch(function () { form.submit(); });
  });
  schedule();
}());
