using System.Net.Sockets;
using AIMass.Trainer.Protocol;
using AIMass.Trainer.Worker;

// The trainer worker process: `AIMass.Trainer --connect /path/to/silo.sock`. Started by a silo's trainer pool, never by
// hand; it connects to the socket its silo listens on and runs the jobs it is sent (see TrainerProtocol).
AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution
if (args is not ["--connect", var socketPath])
{
    Console.Error.WriteLine("usage: AIMass.Trainer --connect SOCKET (started by a silo)");
    return 2;
}
try
{
    WarmUp.Run();
}
catch (Exception e)
{
    Console.Error.WriteLine($"aimass-trainer: warm-up failed ({e.GetType().Name}: {e.Message}); the first job will start cold");
}
var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
socket.Connect(new UnixDomainSocketEndPoint(socketPath));
using var channel = new MessageChannel(new NetworkStream(socket, ownsSocket: true));
try
{
    return new WorkerLoop(channel).Run();
}
catch (IOException)
{
    return 0; // the silo closed the connection
}
