using Npgsql;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// Turns a database failure that ends a grain call into <see cref="StorageUnavailableException"/>.
/// Orleans has no codec for the database client's exceptions: the answer itself failed to
/// serialize and the caller (the API, another grain) saw an unrelated error, a 500 at the edge.
/// The message says what failed; the original stays in the silo's log.
/// </summary>
internal sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseFailure(e) is { } failure)
        {
            throw new StorageUnavailableException($"{context.InterfaceName}.{context.MethodName}: the database did not answer ({failure.Message})");
        }
    }

    private static NpgsqlException? DatabaseFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException failure)
            {
                return failure;
            }
        }

        return null;
    }
}
