"""Help desk (デジタル相談窓口): residents book help with smartphones and online procedures; staff run the desk."""
