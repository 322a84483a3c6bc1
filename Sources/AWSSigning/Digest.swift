internal import CCrypto

/// SHA-256 digests, computed by OpenSSL's libcrypto.
public enum SHA256 {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        let succeeded = input.withUnsafeBufferPointer { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_sha256(), nil) == 1
        }

        // EVP_Digest fails only when libcrypto cannot allocate a context; there is no digest
        // to return then, and a wrong one would be worse than stopping.
        guard succeeded, length == 32 else { fatalError("libcrypto could not compute SHA-256") }
        return Array(digest.prefix(32))
    }

    /// The lowercase hex SHA-256 digest of `bytes`, as SigV4 writes payload hashes.
    public static func hexHash(_ bytes: some Collection<UInt8>) -> String {
        hash(bytes).hexEncoded()
    }
}

/// Keyed-hash message authentication codes, computed by OpenSSL's libcrypto.
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `data` under `key`.
    public static func sha256(key: [UInt8], data: some Collection<UInt8>) -> [UInt8] {
        let message = Array(data)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        // libcrypto reads a null key pointer as "reuse the previous key", so an empty key
        // still gets a real (if unread) byte to point at.
        let keyStorage = key.isEmpty ? [0] : key
        let result = keyStorage.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                CCrypto.HMAC(
                    EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                    messageBuffer.baseAddress, messageBuffer.count, &digest, &length)
            }
        }

        // As for SHA-256: only an allocation failure inside libcrypto gets here.
        guard result != nil, length == 32 else {
            fatalError("libcrypto could not compute HMAC-SHA256")
        }
        return Array(digest.prefix(32))
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each.
    public func hexEncoded() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
