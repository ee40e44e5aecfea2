extension ChatPage {
    /// `GET /chat.js`: the page's behaviour, plain JavaScript with no build step.
    ///
    /// It loads the newest page of the room, then follows `/live` from the largest change number on that
    /// page: every change after it arrives as an event (latest state of each message), so nothing between
    /// loading and subscribing is lost. EventSource reconnects by itself with Last-Event-ID; when the
    /// server refuses a reconnect (503), the page reconnects itself after the last change it applied.
    static let javaScript = #"""
    "use strict";
    (() => {
      const $ = (id) => document.getElementById(id);
      const state = { room: null, name: null, messages: new Map(), oldestSeq: null, newestSeq: 0,
                      prevCursor: null, hasOlder: false, loadingOlder: false, lastChange: 0, source: null, retryTimer: null };

      function showError(text) { $("error").textContent = text || ""; }

      async function api(method, path, body) {
        const options = { method, headers: {} };
        if (body !== undefined) {
          options.headers["Content-Type"] = "application/json";
          options.body = JSON.stringify(body);
        }
        const response = await fetch(path, options);
        const data = await response.json().catch(() => null);
        if (!response.ok) {
          const message = data && data.error ? data.error.message : response.statusText;
          const error = new Error(message);
          error.status = response.status;
          throw error;
        }
        return data;
      }

      const roomPath = () => "/rooms/" + encodeURIComponent(state.room);

      function formatTime(text) {
        const date = new Date(text);
        return isNaN(date) ? text : date.toLocaleTimeString();
      }

      function render(message) {
        let item = document.querySelector('li.msg[data-id="' + message.id + '"]');
        if (!item) {
          item = document.createElement("li");
          item.className = "msg";
          item.dataset.id = message.id;
          insertInOrder(item, message.seq);
        }
        item.dataset.seq = message.seq;
        item.dataset.change = message.change;
        item.classList.toggle("deleted", !!message.deleted);
        item.replaceChildren();
        const sender = document.createElement("span");
        sender.className = "sender";
        sender.textContent = message.sender;
        const content = document.createElement("span");
        content.className = "content";
        content.textContent = message.deleted ? "message deleted" : message.content;
        const time = document.createElement("time");
        time.dateTime = message.timestamp;
        time.textContent = formatTime(message.timestamp);
        item.append(sender, content, time);
        if (message.edited_at && !message.deleted) {
          const edited = document.createElement("span");
          edited.className = "edited";
          edited.textContent = "(edited)";
          item.append(edited);
        }
        if (!message.deleted && message.sender === state.name) {
          const edit = document.createElement("button");
          edit.className = "edit";
          edit.type = "button";
          edit.textContent = "edit";
          edit.addEventListener("click", () => startEditing(item, message));
          const remove = document.createElement("button");
          remove.className = "delete";
          remove.type = "button";
          remove.textContent = "delete";
          remove.addEventListener("click", () => removeMessage(message));
          item.append(edit, remove);
        }
      }

      function insertInOrder(item, seq) {
        const list = $("messages");
        for (const other of list.children) {
          if (Number(other.dataset.seq) > seq) { list.insertBefore(item, other); return; }
        }
        list.append(item);
      }

      // Applies a message's latest state, unless an older state arrives after a newer one.
      function apply(message) {
        const known = state.messages.get(message.id);
        if (known && known.change >= message.change) return;
        // Messages older than the loaded history are fetched with it when the user scrolls up.
        if (!known && state.oldestSeq !== null && message.seq < state.oldestSeq) return;
        const log = $("log");
        const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
        state.messages.set(message.id, message);
        if (state.oldestSeq === null || message.seq < state.oldestSeq) state.oldestSeq = message.seq;
        state.newestSeq = Math.max(state.newestSeq, message.seq);
        render(message);
        if (atBottom) log.scrollTop = log.scrollHeight;
      }

      function startEditing(item, message) {
        const input = document.createElement("input");
        input.className = "edit-input";
        input.value = message.content;
        const save = document.createElement("button");
        save.className = "save";
        save.type = "button";
        save.textContent = "save";
        const finish = async () => {
          try {
            apply(await api("PATCH", roomPath() + "/messages/" + message.id, { content: input.value }));
            showError("");
          } catch (error) { showError(error.message); }
          render(state.messages.get(message.id));
        };
        save.addEventListener("click", finish);
        input.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); finish(); } });
        item.querySelector(".content").replaceWith(input);
        item.querySelectorAll("button").forEach((button) => button.remove());
        item.append(save);
        input.focus();
      }

      async function removeMessage(message) {
        try {
          apply(await api("DELETE", roomPath() + "/messages/" + message.id));
          showError("");
        } catch (error) { showError(error.message); }
      }

      function newClientID() {
        if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
        return "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
      }

      // One client_id per message typed, reused on every retry, so a send that reached the server
      // before the connection failed is not stored twice.
      async function send(content) {
        const body = { sender: state.name, content, client_id: newClientID() };
        for (let attempt = 0; ; attempt++) {
          try {
            apply(await api("POST", roomPath() + "/messages", body));
            showError("");
            return;
          } catch (error) {
            if (error.status && error.status < 500) { showError(error.message); return; }
            if (attempt >= 4) { showError("could not send: " + error.message); return; }
            await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
          }
        }
      }

      async function loadOlder() {
        if (!state.hasOlder || state.loadingOlder) return;
        state.loadingOlder = true;
        $("older").hidden = false;
        try {
          const page = await api("GET", roomPath() + "/messages?limit=50&before=" + encodeURIComponent(state.prevCursor));
          const log = $("log");
          const before = log.scrollHeight;
          for (const message of page.messages) {
            if (!state.messages.has(message.id)) {
              state.messages.set(message.id, message);
              render(message);
            }
          }
          if (page.messages.length) state.oldestSeq = Math.min(state.oldestSeq, page.messages[0].seq);
          state.prevCursor = page.prev_cursor;
          state.hasOlder = page.has_more;
          log.scrollTop += log.scrollHeight - before;
        } catch (error) {
          showError(error.message);
        } finally {
          state.loadingOlder = false;
          $("older").hidden = true;
        }
      }

      function setStatus(name, text) {
        $("status").dataset.state = name;
        $("status").textContent = text;
      }

      function follow() {
        if (state.source) state.source.close();
        const source = new EventSource(roomPath() + "/live?after=" + state.lastChange);
        state.source = source;
        source.addEventListener("open", () => setStatus("live", "live"));
        source.addEventListener("message", (event) => {
          const message = JSON.parse(event.data);
          state.lastChange = Math.max(state.lastChange, message.change);
          apply(message);
        });
        source.addEventListener("error", () => {
          if (source !== state.source) return;
          if (source.readyState === EventSource.CLOSED) {
            // The browser gave up (for example the server answered 503): start again after what we have.
            setStatus("reconnecting", "reconnecting…");
            clearTimeout(state.retryTimer);
            state.retryTimer = setTimeout(follow, 2000);
          } else {
            setStatus("reconnecting", "reconnecting…");
          }
        });
      }

      async function join(room, name) {
        if (state.source) state.source.close();
        clearTimeout(state.retryTimer);
        Object.assign(state, { room, name, messages: new Map(), oldestSeq: null, newestSeq: 0, prevCursor: null,
                               hasOlder: false, lastChange: 0, source: null });
        $("messages").replaceChildren();
        localStorage.setItem("msgsvc.room", room);
        localStorage.setItem("msgsvc.name", name);
        history.replaceState(null, "", "#" + encodeURIComponent(room));
        try {
          const page = await api("GET", roomPath() + "/messages?limit=50");
          for (const message of page.messages) {
            state.lastChange = Math.max(state.lastChange, message.change);
            apply(message);
          }
          state.prevCursor = page.prev_cursor;
          state.hasOlder = page.has_more;
          $("log").scrollTop = $("log").scrollHeight;
          $("composer").hidden = false;
          showError("");
          follow();
        } catch (error) {
          showError(error.message);
        }
      }

      $("join-form").addEventListener("submit", (event) => {
        event.preventDefault();
        join($("room").value.trim(), $("name").value.trim());
      });
      $("composer").addEventListener("submit", (event) => {
        event.preventDefault();
        const content = $("content").value;
        if (!content.trim()) return;
        $("content").value = "";
        send(content);
      });
      $("log").addEventListener("scroll", () => { if ($("log").scrollTop < 40) loadOlder(); });

      const savedRoom = decodeURIComponent(location.hash.slice(1)) || localStorage.getItem("msgsvc.room");
      const savedName = localStorage.getItem("msgsvc.name");
      if (savedRoom) $("room").value = savedRoom;
      if (savedName) $("name").value = savedName;
      if (savedRoom && savedName) join(savedRoom, savedName);
    })();
    """#
}
