using System.Net.Sockets;
using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Persistence;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Tests.Grpc;

/// <summary>Grain call failures are classified by exception type: storage, cluster, or not an availability problem at all.</summary>
public sealed class GrainCallFailuresTests
{
    [Test]
    public void Cause_StorageProviderFailureWrappingNpgsql_IsStorage() =>
        Assert.That(GrainCallFailures.Cause(new OrleansException("Error from storage provider store during WriteStateAsync", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))),
            Is.EqualTo(GrainCallFailures.StorageCause));

    [Test]
    public void Cause_SqliteFailureInsideAggregate_IsStorage() =>
        Assert.That(GrainCallFailures.Cause(new AggregateException(new InvalidOperationException("x"), new SqliteException("database is locked", 5))),
            Is.EqualTo(GrainCallFailures.StorageCause));

    [Test]
    public void Cause_MessageMentionsStorageButNoDriverException_IsClusterNotStorage() =>
        Assert.That(GrainCallFailures.Cause(new OrleansException("Error from storage provider store: Npgsql")),
            Is.EqualTo("the cluster did not answer (OrleansException)"));

    [Test]
    public void Cause_SiloUnavailableAndTimeout_AreCluster()
    {
        Assert.That(GrainCallFailures.Cause(new SiloUnavailableException()), Is.EqualTo("the cluster did not answer (SiloUnavailableException)"));
        Assert.That(GrainCallFailures.Cause(new TimeoutException()), Is.EqualTo("the cluster did not answer (TimeoutException)"));
    }

    [Test]
    public void Cause_BugOrRejectedRequest_IsNull() =>
        Assert.That(GrainCallFailures.Cause(new ArgumentException("zone id is empty")), Is.Null);

    [Test]
    public async Task UnavailableOnFailure_NpgsqlFailureFromAnotherSilo_IsUnavailableBecauseOfStorage()
    {
        // What a remote silo sends back: the storage bridge's OrleansException around the driver's exception,
        // serialized and read back with the hosts' serializer settings.
        await using var services = new ServiceCollection().AddSerializer().AddStorageExceptionSerialization().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        Exception sent = new OrleansException("Error from storage provider store during ReadStateAsync", new NpgsqlException("Failed to connect to 127.0.0.1:5432"));
        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray(sent))!;

        var thrown = await Assert.ThrowsAsync<RpcException>(() => Task.FromException<int>(received).UnavailableOnFailure("read zone z1"));

        Assert.That(thrown!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(thrown.Status.Detail, Is.EqualTo("the control plane could not read zone z1: its storage is unavailable; retry later"));
    }

    [Test]
    public async Task UnavailableOnFailure_Bug_PropagatesUnchanged() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Task.FromException<int>(new ArgumentException("bad")).UnavailableOnFailure("read zone z1"));
}
