extension ChatPage {
    /// `GET /chat.css`.
    static let css = #"""
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; height: 100vh; }
    header { display: flex; gap: 1em; align-items: center; padding: .5em 1em; border-bottom: 1px solid #ddd; flex-wrap: wrap; }
    header form { display: flex; gap: .5em; align-items: center; }
    #status[data-state="live"] { color: #070; }
    #status[data-state="reconnecting"] { color: #a60; }
    main { flex: 1; overflow-y: auto; padding: 0 1em; }
    ol { list-style: none; margin: 0; padding: 0; }
    li.msg { padding: .3em 0; border-bottom: 1px solid #f2f2f2; }
    li.msg .sender { font-weight: 600; margin-right: .5em; }
    li.msg time, li.msg .edited { color: #888; font-size: 85%; margin-left: .5em; }
    li.msg.deleted .content { color: #999; font-style: italic; }
    li.msg.pending { opacity: .6; }
    li.msg button { font-size: 80%; margin-left: .3em; }
    #composer { display: flex; gap: .5em; padding: .5em 1em; border-top: 1px solid #ddd; }
    #composer[hidden] { display: none; }
    #content { flex: 1; }
    #error { color: #b00; margin: 0 1em; min-height: 1em; }
    """#
}
