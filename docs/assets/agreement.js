/* The agreement worksheet: answers kept as typed (through hallPass, in this browser only), saved
   to a file, a partner's file compared side by side, check-in dates exported as a calendar file.
   On one device, the first partner hands over: their answers are hidden (still stored) and the second
   partner answers on a blank sheet; both sets show side by side only once both choose to compare.
   A partner's file is untrusted: it is size-limited, parsed, checked, and only shown as text. */
(function () {
  "use strict";
  var STORE = "agreement";
  var FORMAT = "hall-pass-agreement"; /* the answers file */
  var VERSION = 1; /* the answers file's version */
  var MAX_FILE = 200000; /* bytes; a real answers file is a few KiB */
  var MAX_NAME = 40;
  var FIRST_QUESTION = "want-this"; /* data/agreement.yml's first question (checked by the build) */
  var NOT_AGREED = { "not-sure": "is not sure about this", "no": "does not want this" };
  var SETS = ["first", "second"];
  var partner = null; /* the partner's answers from a file, for this visit only: never stored */

  function isRecord(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

  function strings(record) {
    var out = {};
    if (!isRecord(record)) return null;
    for (var id in record) {
      if (typeof record[id] !== "string") return null;
      out[id] = record[id];
    }
    return out;
  }

  /* Stored answers, in every format this page knows, as the current one (version 2):
     {version: 2, first: {name, answers}, second: {name, answers} (after a hand-over), showing, compare}.
     Version 1 (before the hand-over step) was the first partner's answers alone, as {questionId: text}.
     Anything else (a newer version, another shape) returns null: hallPass sets it aside. */
  function upgrade(value) {
    if (!isRecord(value)) return null;
    if (value.version === undefined) {
      var answers = strings(value);
      return answers && { version: 2, first: { name: "", answers: answers }, showing: "first", compare: false };
    }
    if (value.version !== 2 || !isRecord(value.first)) return null;
    var current = { version: 2, showing: value.showing === "second" ? "second" : "first", compare: value.compare === true };
    for (var i = 0; i < SETS.length; i++) {
      var set = value[SETS[i]];
      if (set === undefined) continue;
      if (!isRecord(set) || !strings(set.answers) || (set.name !== undefined && typeof set.name !== "string")) return null;
      current[SETS[i]] = { name: set.name || "", answers: strings(set.answers) };
    }
    return current;
  }

  /* The set of answers on screen, in a stored value being changed; made empty if it is not there yet. */
  function shownSet(value) {
    return value[value.showing] || (value[value.showing] = { name: "", answers: {} });
  }

  function stored() {
    return hallPass.read(STORE, upgrade) || { version: 2, first: { name: "", answers: {} }, showing: "first", compare: false };
  }

  function maxAnswer(form) { return parseInt(form.getAttribute("data-max-answer"), 10); }

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

  function nameField(form) { return form.querySelector("#hp-agreement-name"); }

  /* Show a set of answers. Only fields whose value differs are touched, so a reader typing in this
     tab keeps their place when another tab changes another answer. */
  function fill(form, set) {
    var answers = (set && set.answers) || {};
    questions(form).forEach(function (q) {
      var value = typeof answers[q.id] === "string" ? answers[q.id] : "";
      var control = form.elements.namedItem(q.id);
      if (q.kind === "choice") {
        Array.prototype.forEach.call(q.item.querySelectorAll("input[type=radio]"), function (radio) {
          radio.checked = radio.value === value;
        });
      } else if (control.value !== value) {
        control.value = value;
      }
    });
    var name = (set && set.name) || "";
    if (nameField(form).value !== name) nameField(form).value = name;
  }

  /* A real calendar date written as YYYY-MM-DD, as [year, month, day], or null ("2026-02-30" is not one). */
  function realDate(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!parts) return null;
    var date = new Date(Date.UTC(+parts[1], parts[2] - 1, +parts[3]));
    return date.getUTCFullYear() === +parts[1] && date.getUTCMonth() === parts[2] - 1 && date.getUTCDate() === +parts[3]
      ? date : null;
  }

  /* What a reader sees for an answer: a choice's label, a date in words ("Saturday 5 December 2026"),
     otherwise the text itself. A date that is not a real one is named as such. */
  function shown(q, value) {
    if (q.kind === "date" && value) {
      var date = realDate(value);
      return date ? date.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long",
        year: "numeric", timeZone: "UTC" }).replace(",", "") : "“" + value + "” is not a real date";
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

  /* A message under the tools: announced (role=status), and scrolled into view. */
  function say(root, text, isError) {
    var message = root.querySelector(".hp-agreement__message");
    message.textContent = text;
    message.classList.toggle("hp-agreement__message--error", !!isError);
    if (text && message.scrollIntoView) message.scrollIntoView({ block: "nearest" });
  }

  /* The two sets to compare, or null: a partner's file beside the answers on screen, or, on one device,
     both stored sets once both partners chose to compare. */
  function comparison(form, value) {
    var mine = { name: nameField(form).value.trim(), answers: answersOf(form) };
    if (partner) return { left: mine, right: partner };
    if (value.compare && value.second) return { left: value.first, right: value.second };
    return null;
  }

  /* An answer in the table; once compared, a blank says so (without a partner it is left to write in on paper).
     data-who names the person where a phone stacks the cells (guide.css). */
  function answerCell(q, value, who, compared) {
    var cell = compared && !value ? element("td", "No answer", "hp-agreement__none") : element("td", shown(q, value));
    cell.setAttribute("data-who", who);
    return cell;
  }

  /* The side-by-side table. Kept current on every change, because it is also the printed sheet. */
  function render(form, root) {
    var value = stored();
    var pair = comparison(form, value);
    var left = pair ? pair.left : { name: nameField(form).value.trim(), answers: answersOf(form) };
    var right = pair ? pair.right : { name: "", answers: {} };
    var names = [left.name || "Partner 1", right.name || "Partner 2"];
    var section = root.querySelector(".hp-agreement__compare");
    var body = section.querySelector("tbody");
    var list = questions(form);
    var differences = 0;
    body.textContent = "";
    list.forEach(function (q) {
      var row = document.createElement("tr");
      var head = element("th", q.text);
      head.scope = "row";
      row.appendChild(head);
      row.appendChild(answerCell(q, left.answers[q.id], names[0], !!pair));
      row.appendChild(answerCell(q, right.answers[q.id], names[1], !!pair));
      /* The first question is never a difference to talk through: a "no" is said first, above the table. */
      if (pair && q.id !== FIRST_QUESTION && !same(left.answers[q.id], right.answers[q.id])) {
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
    Array.prototype.forEach.call(root.querySelectorAll("[data-who=first], [data-who=second]"), function (node) {
      if (node.tagName !== "TD") node.textContent = names[node.getAttribute("data-who") === "first" ? 0 : 1];
    });
    /* "Not sure" or "no" to the first question comes first, and leaves nothing to sign. */
    var doubts = pair ? [left, right].map(function (set, i) {
      var answer = NOT_AGREED[set.answers[FIRST_QUESTION]];
      return answer ? names[i] + " " + answer + "." : "";
    }).filter(Boolean) : [];
    var notYet = section.querySelector(".hp-agreement__not-yet");
    notYet.hidden = !doubts.length;
    notYet.querySelector(".hp-agreement__not-yet-who").textContent = doubts.join(" ");
    root.classList.toggle("hp-agreement--not-agreed", doubts.length > 0);
    section.hidden = !pair;
    root.querySelector("[data-action=clear-partner]").hidden = !partner;
    root.classList.toggle("hp-agreement--compared", !!pair);
    section.querySelector(".hp-agreement__summary").textContent = !pair ? "" : differences
      ? "Your answers differ on " + differences + " of " + list.length + " questions, each marked “Different”."
      : "Your answers match on all " + list.length + " questions.";
    renderDevice(root, value);
  }

  /* The hand-over step on one device: what the screen says, and which buttons it offers. */
  function renderDevice(root, value) {
    var panel = root.querySelector(".hp-agreement__device");
    var handedOver = !!value.second;
    var words = value.compare && handedOver
      ? "You both finished and chose to compare: both sets of answers are shown below."
      : handedOver && value.showing === "second"
        ? "Second partner: answer on your own. The first partner’s answers are hidden and kept. When you have both finished, choose to compare."
        : handedOver
          ? "First partner’s answers. The second partner’s answers are hidden and kept."
          : "Sharing one device? When you have finished, hand over: your answers are hidden and kept, and your partner starts on a blank sheet.";
    panel.querySelector(".hp-agreement__device-step").textContent = words;
    var handOver = panel.querySelector("[data-action=hand-over]");
    handOver.textContent = !handedOver ? "Hand over to my partner on this device"
      : value.showing === "second" ? "Hand back to the first partner" : "Hand over to the second partner";
    handOver.hidden = value.compare && handedOver;
    panel.querySelector("[data-action=compare-here]").hidden = !handedOver || value.compare;
    panel.querySelector("[data-action=hide-compare]").hidden = !(value.compare && handedOver);
  }

  /* A partner's file, checked field by field; throws an Error whose message the reader sees. */
  function parsePartner(text, list, limit) {
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
      if (typeof value === "string" && value.length > limit) {
        throw new Error("An answer in that file (“" + q.text + "”) is longer than " + limit.toLocaleString("en-GB") +
          " characters, the most this worksheet keeps.");
      }
      answers[q.id] = typeof value === "string" ? value : "";
    });
    var name = typeof data.name === "string" ? data.name.trim().slice(0, MAX_NAME) : "";
    return { name: name, answers: answers };
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
        partner = parsePartner(String(reader.result), questions(form), maxAnswer(form));
      } catch (error) {
        say(root, error.message + " Nothing was changed.", true);
        return;
      }
      render(form, root);
      say(root, "Your partner’s answers are shown beside yours below. They are not stored.");
      /* The message at the top of the view, the comparison right below it. */
      root.querySelector(".hp-agreement__message").scrollIntoView({ block: "start" });
    };
    reader.onerror = function () { say(root, "That file could not be read. Nothing was changed.", true); };
    reader.readAsText(file);
  }

  /* RFC 5545: CRLF lines, one all-day event per entered check-in date. */
  function calendar(form) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Agreement worksheet//Check-ins//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    var events = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=date]"), function (input) {
      var date = realDate(input.value);
      if (!date) return;
      var day = input.value.replace(/-/g, "");
      var next = new Date(date.getTime() + 86400000).toISOString().slice(0, 10).replace(/-/g, "");
      var summary = (input.getAttribute("data-calendar") || "Check-in").replace(/([\\;,])/g, "\\$1");
      events++;
      lines.push("BEGIN:VEVENT", "UID:" + day + "-" + input.name + "@check-in",
        "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + day,
        "DTEND;VALUE=DATE:" + next, "SUMMARY:" + summary, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return events ? lines.join("\r\n") + "\r\n" : null;
  }

  /* An answer longer than the limit is refused: the field says so, and the last answer that fitted stays stored. */
  function tooLong(form, control) {
    var limit = maxAnswer(form);
    var over = control.value.length - limit;
    var item = control.closest("[data-question]");
    var note = item.querySelector(".hp-question__limit");
    control.toggleAttribute("aria-invalid", over > 0);
    if (over > 0) {
      if (!note) {
        note = element("p", "", "hp-question__limit");
        note.id = control.id + "-limit";
        note.setAttribute("role", "status");
        control.after(note);
        control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + note.id).trim());
        /* Below a long answer: brought into view once, after the field has taken its new height. */
        requestAnimationFrame(function () { note.scrollIntoView({ block: "nearest" }); });
      }
      note.textContent = "This answer is " + over.toLocaleString("en-GB") + (over === 1 ? " character" : " characters") + " over the " +
        limit.toLocaleString("en-GB") + " the worksheet keeps. Shorten it to keep it: until then, the last shorter version is kept.";
    } else if (note) {
      note.remove();
      control.setAttribute("aria-describedby", (control.getAttribute("aria-describedby") || "").replace(control.id + "-limit", "").trim());
      if (!control.getAttribute("aria-describedby")) control.removeAttribute("aria-describedby");
    }
    return over > 0;
  }

  /* Answers given before this script ran (instant navigation shows the page first, then loads it) join
     what is stored, instead of being wiped by the first fill. autocomplete="off" keeps the browser's
     own form restore out, so these are the reader's own taps and words. */
  function keepEarlyAnswers(form) {
    var early = answersOf(form), name = nameField(form).value.trim();
    var given = Object.keys(early).filter(function (id) { return early[id]; });
    if (!given.length && !name) return;
    hallPass.update(STORE, function (current) {
      var value = current || upgrade({});
      var set = shownSet(value);
      given.forEach(function (id) {
        if (typeof set.answers[id] !== "string" || !set.answers[id]) set.answers[id] = early[id].slice(0, maxAnswer(form));
      });
      if (name && !set.name) set.name = name.slice(0, MAX_NAME);
      return value;
    }, upgrade);
  }

  function setup(doc) {
    var form = doc.querySelector("[data-agreement]");
    if (!form) return;
    var root = form.closest("article") || doc.body;
    var warned = false;

    /* Show what is stored now: the set on screen, the hand-over step, the table; and any answers set aside. */
    function refresh() {
      var value = stored();
      fill(form, value[value.showing]);
      render(form, root);
      hallPass.offerAside(form, STORE, "saved answers", refresh);
    }

    function warnOnce() {
      if (warned) return;
      warned = true;
      var keeping = hallPass.keeping();
      say(root, keeping.readOnly
        ? "This browser’s storage for this site is full or read-only. Answers saved before still show, but new changes are not being kept: they last " + keeping.lasts + "."
        : "This browser is not letting the page keep your answers: they last " + keeping.lasts + ".");
    }

    /* One answer (or the name) changed: only that is written over what is stored now, so another tab's
       answers stay, and answers erased elsewhere are not written back. */
    function save(event) {
      var target = event.target;
      var question = target.closest && target.closest("[data-question]");
      if (target !== nameField(form) && !question) return;
      if (question && target.value !== undefined && tooLong(form, target)) return;
      var kept = hallPass.update(STORE, function (current) {
        var value = current || upgrade({});
        var set = shownSet(value);
        if (target === nameField(form)) set.name = target.value.trim().slice(0, MAX_NAME);
        else set.answers[question.getAttribute("data-question")] = form.elements.namedItem(question.getAttribute("data-question")).value || "";
        return value;
      }, upgrade);
      if (!kept) warnOnce();
      render(form, root);
    }

    /* A step on one device: each changes what is stored, then the screen follows. */
    function step(change, words) {
      var kept = hallPass.update(STORE, function (current) {
        var value = current || upgrade({});
        change(value);
        return value;
      }, upgrade);
      if (!kept) warnOnce();
      refresh();
      if (words) say(root, words);
    }

    keepEarlyAnswers(form);
    refresh();
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("#hp-agreement-partner").addEventListener("change", function (event) {
      loadPartner(form, root, event.target);
    });
    root.querySelector(".hp-agreement__device").addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      var action = button && button.getAttribute("data-action");
      if (action === "hand-over") {
        step(function (value) {
          if (!value.second) value.second = { name: "", answers: {} };
          value.showing = value.showing === "second" ? "first" : "second";
          value.compare = false;
        }, "The answers that were on screen are hidden and kept. The next partner starts here.");
        form.querySelector("input, textarea").focus();
      } else if (action === "compare-here") {
        step(function (value) { value.compare = true; }, "Both sets of answers are shown side by side below.");
        root.querySelector(".hp-agreement__compare h2").scrollIntoView({ block: "start" });
      } else if (action === "hide-compare") {
        step(function (value) { value.compare = false; }, "The answers are hidden again. They are still kept in this browser.");
      }
    });
    root.querySelector(".hp-agreement__tools").addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      var action = button && button.getAttribute("data-action");
      if (action === "download") {
        hallPass.download("agreement-answers.json", "application/json", JSON.stringify({
          format: FORMAT, version: VERSION, name: nameField(form).value.trim(), answers: answersOf(form), saved: new Date().toISOString()
        }, null, 2));
        say(root, "Your answers were saved as a file. Delete it when you no longer need it.");
      } else if (action === "calendar") {
        var ics = calendar(form);
        if (ics) hallPass.download("check-ins.ics", "text/calendar", ics);
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
          var before = stored();
          var gone;
          if (!before.second) {
            gone = hallPass.remove(STORE);
          } else {
            /* Two partners on this device: erase the set on screen only. */
            gone = hallPass.update(STORE, function (current) {
              var value = current || before;
              value[value.showing] = { name: "", answers: {} };
              value.compare = false;
              return value;
            }, upgrade);
          }
          refresh();
          return {
            message: gone ? null : "Your answers are cleared from this page, but this browser would not let the site erase them from its storage. " +
              "To remove them, clear this site’s data in your browser’s settings.",
            undo: function () {
              hallPass.write(STORE, before);
              refresh();
            }
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

  /* "Erase everything" on the privacy page, or anywhere else, or a change made in another tab:
     show what is stored now (after an erase, nothing; the partner's file is forgotten too). */
  function showStored(event) {
    var form = document.querySelector("[data-agreement]");
    if (event.type === "hallpass:erased") partner = null;
    if (event.type === "hallpass:changed" && event.detail && event.detail.name && event.detail.name !== STORE) return;
    if (!form) return;
    var value = stored();
    fill(form, value[value.showing]);
    var root = form.closest("article") || document.body;
    render(form, root);
    hallPass.offerAside(form, STORE, "saved answers");
  }
  document.addEventListener("hallpass:erased", showStored);
  document.addEventListener("hallpass:restored", showStored);
  document.addEventListener("hallpass:changed", showStored);

  hallPass.onEveryPage(setup);
})();
