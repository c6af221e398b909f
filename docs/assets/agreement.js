/* The agreement worksheet: answers kept as typed (through hallPass, in this browser only), saved
   to a file, a partner's file compared side by side, check-in dates exported as a calendar file.
   A partner's file is untrusted: it is size-limited, parsed, checked, and only shown as text. */
(function () {
  "use strict";
  var STORE = "agreement";
  var FORMAT = "hall-pass-agreement";
  var VERSION = 1;
  var MAX_FILE = 200000; /* bytes; a real answers file is a few KiB */
  var MAX_ANSWER = 4000; /* characters kept per answer */
  var partner = null; /* the partner's answers, for this visit only: never stored */

  function questions(form) {
    return Array.prototype.map.call(form.querySelectorAll("[data-question]"), function (item) {
      return {
        id: item.getAttribute("data-question"),
        kind: item.getAttribute("data-kind"),
        item: item,
        text: item.querySelector(".hp-question__text").textContent,
        chapter: item.querySelector(".hp-question__chapter a")
      };
    });
  }

  function answersOf(form) {
    var answers = {};
    questions(form).forEach(function (q) { answers[q.id] = form.elements.namedItem(q.id).value || ""; });
    return answers;
  }

  function fill(form, answers) {
    form.reset();
    questions(form).forEach(function (q) {
      var value = answers && answers[q.id];
      if (typeof value === "string" && value) form.elements.namedItem(q.id).value = value;
    });
  }

  /* What a reader sees for an answer: a choice's label, a date in words ("Saturday 5 December 2026"),
     otherwise the text itself. */
  function shown(q, value) {
    if (q.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value || "")) {
      return new Date(value).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long",
        year: "numeric", timeZone: "UTC" }).replace(",", "");
    }
    if (q.kind === "choice") {
      var radios = q.item.querySelectorAll("input[type=radio]");
      for (var i = 0; i < radios.length; i++) {
        if (radios[i].value === value) return radios[i].labels[0].textContent;
      }
    }
    return value || "";
  }

  function same(a, b) {
    function plain(text) { return String(text || "").replace(/\s+/g, " ").trim().toLowerCase(); }
    return plain(a) === plain(b);
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function say(root, text, isError) {
    var message = root.querySelector(".hp-agreement__message");
    message.textContent = text;
    message.classList.toggle("hp-agreement__message--error", !!isError);
  }

  /* An answer in the table; once compared, a blank says so (without a partner it is left to write in on paper).
     data-who names the person where a phone stacks the cells (guide.css). */
  function answerCell(q, value, who) {
    var cell = partner && !value ? element("td", "No answer", "hp-agreement__none") : element("td", shown(q, value));
    cell.setAttribute("data-who", who);
    return cell;
  }

  /* The side-by-side table. Kept current on every change, because it is also the printed sheet. */
  function render(form, root) {
    var section = root.querySelector(".hp-agreement__compare");
    var body = section.querySelector("tbody");
    var mine = answersOf(form);
    var list = questions(form);
    var differences = 0;
    body.textContent = "";
    list.forEach(function (q) {
      var row = document.createElement("tr");
      var head = element("th", q.text);
      head.scope = "row";
      row.appendChild(head);
      row.appendChild(answerCell(q, mine[q.id], "You"));
      row.appendChild(answerCell(q, partner ? partner[q.id] : "", "Your partner"));
      if (partner && !same(mine[q.id], partner[q.id])) {
        differences++;
        row.className = "hp-differs";
        var note = element("span", "Different", "hp-differs__note");
        var more = element("span", " — talk it through: ", "hp-differs__more");
        var link = element("a", q.chapter.textContent);
        link.href = q.chapter.href;
        more.appendChild(link);
        note.appendChild(more);
        head.appendChild(note);
      }
      body.appendChild(row);
    });
    section.hidden = !partner;
    root.querySelector("[data-action=clear-partner]").hidden = !partner;
    root.classList.toggle("hp-agreement--compared", !!partner);
    section.querySelector(".hp-agreement__summary").textContent = !partner ? "" : differences
      ? "Your answers differ on " + differences + " of " + list.length + " questions, each marked “Different”."
      : "Your answers match on all " + list.length + " questions.";
  }

  /* A partner's file, checked field by field; throws an Error whose message the reader sees. */
  function parsePartner(text, list) {
    var data;
    try { data = JSON.parse(text); } catch (error) { data = null; }
    if (!data || typeof data !== "object" || data.format !== FORMAT ||
        !data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      throw new Error("That file is not a set of answers saved from this worksheet.");
    }
    if (typeof data.version === "number" && data.version > VERSION) {
      throw new Error("That file was saved by a newer version of this worksheet, which this page cannot read. Reload this page and try again.");
    }
    if (data.version !== VERSION) throw new Error("That file is not a set of answers saved from this worksheet.");
    var answers = {};
    list.forEach(function (q) {
      var value = Object.prototype.hasOwnProperty.call(data.answers, q.id) ? data.answers[q.id] : "";
      answers[q.id] = typeof value === "string" ? value.slice(0, MAX_ANSWER) : "";
    });
    return answers;
  }

  function loadPartner(form, root, input) {
    var file = input.files && input.files[0];
    input.value = ""; /* so the same file can be chosen again */
    if (!file) return;
    if (file.size > MAX_FILE) {
      say(root, "That file is too large to be a set of saved answers. Nothing was changed.", true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      try {
        partner = parsePartner(String(reader.result), questions(form));
      } catch (error) {
        say(root, error.message + " Nothing was changed.", true);
        return;
      }
      render(form, root);
      say(root, "Your partner’s answers are shown beside yours below. They are not stored.");
      root.querySelector(".hp-agreement__compare h2").scrollIntoView({ block: "start" });
    };
    reader.onerror = function () { say(root, "That file could not be read. Nothing was changed.", true); };
    reader.readAsText(file);
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* RFC 5545: CRLF lines, one all-day event per entered check-in date. */
  function calendar(form) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Agreement worksheet//Check-ins//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    var events = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=date]"), function (input) {
      var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
      if (!parts) return;
      var next = new Date(Date.UTC(+parts[1], parts[2] - 1, +parts[3] + 1)).toISOString().slice(0, 10);
      var summary = (input.getAttribute("data-calendar") || "Check-in").replace(/([\\;,])/g, "\\$1");
      events++;
      lines.push("BEGIN:VEVENT", "UID:" + parts.slice(1).join("") + "-" + input.name + "@check-in",
        "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + parts.slice(1).join(""),
        "DTEND;VALUE=DATE:" + next.replace(/-/g, ""), "SUMMARY:" + summary, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return events ? lines.join("\r\n") + "\r\n" : null;
  }

  function setup(doc) {
    var form = doc.querySelector("[data-agreement]");
    if (!form) return;
    var root = form.closest("article") || doc.body;
    var warned = false;
    fill(form, hallPass.read(STORE));
    render(form, root);

    function save() {
      if (!hallPass.write(STORE, answersOf(form)) && !warned) {
        warned = true;
        say(root, "This browser is not letting the page keep your answers: they last until you close this tab.");
      }
      render(form, root);
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("#hp-agreement-partner").addEventListener("change", function (event) {
      loadPartner(form, root, event.target);
    });
    root.querySelector(".hp-agreement__tools").addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      var action = button && button.getAttribute("data-action");
      if (action === "download") {
        download("agreement-answers.json", "application/json", JSON.stringify({
          format: FORMAT, version: VERSION, answers: answersOf(form), saved: new Date().toISOString()
        }, null, 2));
        say(root, "Your answers were saved as a file. Delete it when you no longer need it.");
      } else if (action === "calendar") {
        var ics = calendar(form);
        if (ics) download("check-ins.ics", "text/calendar", ics);
        say(root, ics ? "Your check-in dates were saved as a calendar file." : "Enter at least one check-in date first.", !ics);
      } else if (action === "print") {
        window.print();
      } else if (action === "erase") {
        /* Erasing and clearing ask first and can be undone (confirm.js); each leaves the other's answers. */
        hallPass.askFirst(button, {
          question: "Erase all your answers on this worksheet from this browser?",
          yes: "Yes, erase my answers",
          done: "Your answers are erased from this browser.",
          undone: "Your answers are back."
        }, function () {
          var mine = answersOf(form);
          hallPass.remove(STORE);
          fill(form, {});
          render(form, root);
          return function () {
            fill(form, mine);
            save();
          };
        });
      } else if (action === "clear-partner") {
        hallPass.askFirst(button, {
          question: "Clear your partner’s answers from this page?",
          yes: "Yes, clear their answers",
          done: "Your partner’s answers are cleared from this page.",
          undone: "Your partner’s answers are back."
        }, function () {
          var theirs = partner;
          partner = null;
          render(form, root);
          return function () {
            partner = theirs;
            render(form, root);
          };
        });
      }
    });
  }

  /* "Erase everything" on the privacy page, or anywhere else: forget the partner's answers too. */
  document.addEventListener("hallpass:erased", function () {
    partner = null;
    var form = document.querySelector("[data-agreement]");
    if (form) {
      form.reset();
      render(form, form.closest("article") || document.body);
    }
  });

  hallPass.onEveryPage(setup);
})();
