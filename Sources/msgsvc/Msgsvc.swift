import ArgumentParser

@main
struct Msgsvc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msgsvc",
        abstract: "A chat-message history service on MongoDB or its own embedded document engine.",
        subcommands: [ServeCommand.self, EngineCommand.self],
        defaultSubcommand: ServeCommand.self)
}
