// The silo host entry point; wiring arrives with the service.
return 0;
