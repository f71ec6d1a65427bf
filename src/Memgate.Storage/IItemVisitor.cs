namespace Memgate.Storage;

/// <summary>Receives the live items of a <see cref="CacheEngine.VisitItems{TVisitor}"/> walk.</summary>
/// <remarks>Called with the engine lock held: do no I/O and do not call back into the engine.</remarks>
public interface IItemVisitor
{
    /// <summary>Handles one live item; returns false to end the walk early.</summary>
    bool Visit(in ItemView item);
}
