// Clusters, silo processes and training share two cores: run test collections one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
