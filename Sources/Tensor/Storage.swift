import Foundation

/// Contiguous Float32 memory of a tensor. Storage is handed out by `BufferPool`
/// and handed back when the last tensor using it deinitialises, so repeated
/// training steps with the same shapes reuse the same buffers instead of
/// growing the resident set.
public final class Storage: @unchecked Sendable {
    /// Start of the buffer; valid while this Storage is alive.
    public let base: UnsafeMutablePointer<Float>
    /// Number of floats the tensor uses (the pool may have reserved more).
    public let count: Int
    let capacity: Int

    init(count: Int) {
        let (ptr, cap) = BufferPool.shared.take(count)
        base = ptr
        self.count = count
        capacity = cap
    }

    deinit { BufferPool.shared.give(base, capacity: capacity) }
}

/// A size-bucketed free list of Float32 buffers. Buckets are powers of two
/// (at most 2x over-reservation, no waste for the repeating shapes of a
/// training loop); at most `limitBytes` are kept idle, the rest is freed.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var idleBytes = 0
    private let lock = NSLock()
    /// Upper bound on memory kept idle in the pool.
    public var limitBytes = 1 << 30

    private var fresh = 0
    /// Buffers obtained from the system so far (a steady training loop stops adding to it).
    public var freshAllocations: Int { lock.lock(); defer { lock.unlock() }; return fresh }

    /// Bytes currently idle in the pool (for tests and diagnostics).
    public var idle: Int { lock.lock(); defer { lock.unlock() }; return idleBytes }

    static func bucket(_ count: Int) -> Int {
        if count <= 16 { return 16 }
        return 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
    }

    func take(_ count: Int) -> (UnsafeMutablePointer<Float>, Int) {
        let cap = BufferPool.bucket(count)
        lock.lock()
        if var list = free[cap], let p = list.popLast() {
            free[cap] = list
            idleBytes -= cap * 4
            lock.unlock()
            return (p, cap)
        }
        fresh += 1
        lock.unlock()
        let raw = UnsafeMutableRawPointer.allocate(byteCount: cap * 4, alignment: 64)
        return (raw.bindMemory(to: Float.self, capacity: cap), cap)
    }

    func give(_ p: UnsafeMutablePointer<Float>, capacity cap: Int) {
        lock.lock()
        if idleBytes + cap * 4 <= limitBytes {
            free[cap, default: []].append(p)
            idleBytes += cap * 4
            lock.unlock()
            return
        }
        lock.unlock()
        UnsafeMutableRawPointer(p).deallocate()
    }

    /// Frees every idle buffer.
    public func drain() {
        lock.lock()
        for (_, list) in free { for p in list { UnsafeMutableRawPointer(p).deallocate() } }
        free = [:]
        idleBytes = 0
        lock.unlock()
    }
}

/// Runs `body` with a scratch buffer of `count` floats from the pool
/// (uninitialised), returned to the pool afterwards. Used for im2col columns
/// and other per-call workspaces.
@inline(__always)
func withScratch<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
    let (p, cap) = BufferPool.shared.take(max(count, 1))
    defer { BufferPool.shared.give(p, capacity: cap) }
    return body(p)
}
