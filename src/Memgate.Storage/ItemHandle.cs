namespace Memgate.Storage;

/// <summary>A reference to an item inside the engine; valid only while the <see cref="CacheLock"/> that produced it is held.</summary>
public readonly record struct ItemHandle(uint Value)
{
    public static ItemHandle None => default;

    public bool IsNone => Value == 0;
}
