namespace Memgate.Server;

/// <summary>Creates the protocol session for each accepted connection.</summary>
public interface ISessionFactory
{
    IProtocolSession CreateSession(ConnectionContext connection);
}
