extension ChatPage {
    /// `GET /`: the page itself. Everything it needs comes from this service; nothing from the internet.
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>msgsvc chat</title>
    <link rel="stylesheet" href="/chat.css">
    </head>
    <body>
    <header>
      <form id="join-form">
        <label>Room <input id="room" required pattern="[A-Za-z0-9._:-]{1,128}" value="lobby"></label>
        <label>Name <input id="name" required maxlength="128" placeholder="your name"></label>
        <button id="join" type="submit">Join</button>
      </form>
      <span id="status" data-state="idle">not connected</span>
    </header>
    <main id="log" aria-live="polite">
      <div id="older" hidden>loading older messages…</div>
      <ol id="messages"></ol>
    </main>
    <form id="composer" hidden>
      <input id="content" autocomplete="off" placeholder="Write a message" required>
      <button id="send" type="submit">Send</button>
    </form>
    <p id="error" role="alert"></p>
    <script src="/chat.js"></script>
    </body>
    </html>
    """#
}
