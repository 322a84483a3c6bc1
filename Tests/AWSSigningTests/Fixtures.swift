import Foundation

/// Reads the files under `Fixtures/`, which SwiftPM copies into the test bundle.
enum Fixtures {
    /// Errors reading a fixture, naming the file.
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "fixture not found: \(path)" }
    }

    static var root: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    }

    static func data(_ path: String) throws -> Data {
        guard let root else { throw Missing(path: "Fixtures") }
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(path: path)
        }
        return data
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// The names of the folders directly under `path`, sorted.
    static func folders(_ path: String) -> [String] {
        guard let root else { return [] }
        let url = root.appendingPathComponent(path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            let full = url.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }
}
