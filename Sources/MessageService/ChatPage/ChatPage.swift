/// The chat page served at `/`: static HTML, CSS and JavaScript compiled into the binary, so there is
/// no build step, nothing to install beside it, and nothing fetched from the internet.
enum ChatPage {}
