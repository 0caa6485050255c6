// Replaced by the benchmark once the CLI lands.
@main struct Bench { static func main() {} }
