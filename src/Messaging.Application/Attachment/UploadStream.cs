using System.Security.Cryptography;

namespace Messaging.Attachment;

/// <summary>
/// The upload as storage reads it: the bytes already read for sniffing, then the rest of the request, counted and hashed
/// (SHA-256) on the way through. Reading past the limit throws <see cref="UploadTooLargeException"/> at once, so an
/// oversized upload stops while it streams instead of after it was stored.
/// </summary>
public sealed class UploadStream(ReadOnlyMemory<byte> head, Stream rest, long limit) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headRead;

    public long BytesRead { get; private set; }

    /// <summary>Whether storage has taken any byte yet; until then a failed write may be repeated.</summary>
    public bool Started => BytesRead > 0;

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_headRead < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - _headRead);
            head.Slice(_headRead, read).CopyTo(buffer);
            _headRead += read;
        }
        else
        {
            try
            {
                read = await rest.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException clientFailure)
            {
                // The client's side failed (disconnected, too slow); storage must not take it for its own failure.
                throw new UploadReadException(clientFailure);
            }
        }

        return Account(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (BytesRead > limit)
        {
            throw new UploadTooLargeException(limit);
        }

        _hash.AppendData(read);
        return read.Length;
    }
}

/// <summary>The upload went past its tier's limit while streaming.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Reading the upload from the client failed; <see cref="Exception.InnerException"/> says how.</summary>
public sealed class UploadReadException(IOException inner) : Exception(inner.Message, inner);
