// The pure domain carries serialization attributes but no code generator: generate its codecs here.
[assembly: GenerateCodeForDeclaringAssembly(typeof(CloudGov.Domain.ResourceVector))]
