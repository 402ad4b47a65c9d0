from django.db import migrations

# The role models now belong to lvxie.access (its 0001 takes them over, same tables): accounts forgets them,
# in Django's state only; nothing in the database changes.


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_apitoken_expires_at_read_only'),
        ('access', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='RoleGrantProposal'),
                migrations.DeleteModel(name='RoleAssignment'),
            ],
        ),
    ]
