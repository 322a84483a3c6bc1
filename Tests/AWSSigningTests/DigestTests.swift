import AWSSigning
import Testing

/// SHA-256 and HMAC-SHA256 against published test vectors (FIPS 180-2, RFC 4231).
@Suite("SHA-256, HMAC-SHA256 and hex")
struct DigestTests {
    @Test("SHA-256 of the empty input is the well-known empty-payload hash")
    func emptyHash() {
        #expect(
            SHA256.hash([UInt8]()).hexEncoded()
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexHash([UInt8]()) == SHA256.hash([UInt8]()).hexEncoded())
    }

    @Test("SHA-256 of \"abc\" is the FIPS 180-2 value")
    func abcHash() {
        #expect(
            SHA256.hash("abc".utf8).hexEncoded()
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("SHA-256 of a million 'a's is the FIPS 180-2 value")
    func longHash() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA256.hash(input).hexEncoded()
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA256 matches RFC 4231 test cases 1, 2 and 6")
    func hmacVectors() {
        let case1 = HMAC.sha256(key: [UInt8](repeating: 0x0b, count: 20), data: "Hi There".utf8)
        #expect(
            case1.hexEncoded()
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")

        let case2 = HMAC.sha256(key: Array("Jefe".utf8), data: "what do ya want for nothing?".utf8)
        #expect(
            case2.hexEncoded()
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")

        let case6 = HMAC.sha256(
            key: [UInt8](repeating: 0xaa, count: 131),
            data: "Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(
            case6.hexEncoded()
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("HMAC-SHA256 accepts an empty key and an empty message")
    func hmacEmpty() {
        #expect(
            HMAC.sha256(key: [], data: [UInt8]()).hexEncoded()
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("hex is lowercase, two digits per byte, leading zeros kept")
    func hex() {
        #expect([0x00, 0x0f, 0xa0, 0xff].hexEncoded() == "000fa0ff")
        #expect([UInt8]().hexEncoded() == "")
    }
}
